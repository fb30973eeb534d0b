/** What the command line writes for people and other tools: PNG sample grids, .npy and .csv samples, loss and scatter plots. */
package io.jgan.cli.output;
