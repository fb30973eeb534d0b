/**
 * Checked downloads of the standard datasets (the library side of
 * {@code jgan data fetch mnist|fashion-mnist|cifar10|cifar100 --dir DIR}): per dataset a list of
 * mirrors and the checksum of every file ({@link io.jgan.datasets.download.DatasetSources}), a
 * {@link io.jgan.datasets.download.Downloader} that writes to a temporary file in the target
 * directory, verifies it and renames it atomically into place, and a safe tar.gz
 * {@link io.jgan.datasets.download.ArchiveExtractor} that refuses entries escaping the target
 * directory or exceeding size limits. Nothing here touches the network unless asked to fetch.
 */
package io.jgan.datasets.download;
