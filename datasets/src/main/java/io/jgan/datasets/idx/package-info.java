/**
 * The IDX file format of MNIST and its relatives: a big-endian header (two zero bytes, a type
 * code, the rank, then one 32-bit size per dimension) followed by the elements, row-major and
 * big-endian. {@link io.jgan.datasets.idx.IdxReader} reads every type code and any rank, plain or
 * gzip-compressed (recognised from the bytes, not the file name).
 */
package io.jgan.datasets.idx;
