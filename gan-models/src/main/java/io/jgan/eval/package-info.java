/** Measuring GANs: mode coverage on 2-D mixtures, and (with the shipped classifier) FID, IS, KID, precision and recall. */
package io.jgan.eval;
