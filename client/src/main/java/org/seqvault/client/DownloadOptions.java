package org.seqvault.client;

import java.util.Objects;

/**
 * How {@link Transfers#download} fetches a file. Immutable; start from {@link #defaults()}.
 *
 * @param parallelism ranges in flight at once (at least 1)
 * @param chunkSize   bytes per range, or 0 to let the SDK choose (16 MiB, more for files above
 *                    about 156 GiB)
 * @param name        the local file name, or null for the remote name
 * @param overwrite   replace an existing local file (only once the new one is complete and verified)
 * @param resume      continue an interrupted download of the same file instead of starting over
 * @param listener    hears the progress
 */
public record DownloadOptions(int parallelism, long chunkSize, String name, boolean overwrite, boolean resume,
                              ProgressListener listener) {

    /**
     * Four ranges in flight, automatic range size, overwrite and resume on.
     *
     * @return the default options
     */
    public static DownloadOptions defaults() {
        return new DownloadOptions(4, 0, null, true, true, ProgressListener.NONE);
    }

    /** Checks the values. */
    public DownloadOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must be 0 (automatic) or positive");
        }
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * @return these options with {@code n} ranges in flight
     *
     * @param n how many at once (at least 1)
     */
    public DownloadOptions parallel(int n) {
        return new DownloadOptions(n, chunkSize, name, overwrite, resume, listener);
    }

    /**
     * @return these options with a fixed range size in bytes
     *
     * @param bytes bytes per range
     */
    public DownloadOptions chunkSize(long bytes) {
        return new DownloadOptions(parallelism, bytes, name, overwrite, resume, listener);
    }

    /**
     * @return these options saving under another local name
     *
     * @param localName the local file name
     */
    public DownloadOptions name(String localName) {
        return new DownloadOptions(parallelism, chunkSize, localName, overwrite, resume, listener);
    }

    /**
     * @return these options replacing (or not) an existing local file
     *
     * @param replace true to replace
     */
    public DownloadOptions overwrite(boolean replace) {
        return new DownloadOptions(parallelism, chunkSize, name, replace, resume, listener);
    }

    /**
     * @return these options resuming (or not) an interrupted download
     *
     * @param continueEarlier true to continue an interrupted transfer
     */
    public DownloadOptions resume(boolean continueEarlier) {
        return new DownloadOptions(parallelism, chunkSize, name, overwrite, continueEarlier, listener);
    }

    /**
     * @return these options reporting to {@code progress}
     *
     * @param progress the listener
     */
    public DownloadOptions listener(ProgressListener progress) {
        return new DownloadOptions(parallelism, chunkSize, name, overwrite, resume, progress);
    }
}
