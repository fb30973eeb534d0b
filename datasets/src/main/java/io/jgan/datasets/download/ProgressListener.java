package io.jgan.datasets.download;

/** Receives download progress, e.g. to draw a progress bar. Called on the downloading thread. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (file, done, total) -> { };

    /**
     * @param file the file being downloaded
     * @param bytesDone bytes received so far
     * @param bytesTotal the expected total, or -1 if the server did not say
     */
    void progress(String file, long bytesDone, long bytesTotal);
}
