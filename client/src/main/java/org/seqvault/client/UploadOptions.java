package org.seqvault.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Transfers#upload} sends a file. Immutable; start from {@link #defaults()}.
 *
 * @param parallelism parts in flight at once (at least 1)
 * @param partSize    bytes per part, or 0 to let the SDK choose (32 MiB, more for files above
 *                    about 312 GiB so that no file needs more than 10,000 parts)
 * @param name        the remote name, or null for the local file's name
 * @param overwrite   replace a file of the same name (it gets a new id)
 * @param resume      continue an interrupted upload of the same file instead of starting over
 * @param metadata    metadata to set on the new file
 * @param tags        tags to set on the new file
 * @param listener    hears the progress
 */
public record UploadOptions(int parallelism, long partSize, String name, boolean overwrite, boolean resume,
                            Map<String, String> metadata, List<String> tags, ProgressListener listener) {

    /**
     * Four parts in flight, automatic part size, resume on, no overwrite, no metadata or tags.
     *
     * @return the default options
     */
    public static UploadOptions defaults() {
        return new UploadOptions(4, 0, null, false, true, Map.of(), List.of(), ProgressListener.NONE);
    }

    /** Checks the values and keeps unmodifiable copies of metadata and tags. */
    public UploadOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (partSize < 0) {
            throw new IllegalArgumentException("partSize must be 0 (automatic) or positive");
        }
        metadata = Map.copyOf(metadata);
        tags = List.copyOf(tags);
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * @return these options with {@code n} parts in flight
     *
     * @param n how many at once (at least 1)
     */
    public UploadOptions parallel(int n) {
        return new UploadOptions(n, partSize, name, overwrite, resume, metadata, tags, listener);
    }

    /**
     * @return these options with a fixed part size in bytes (raised if the file would need more than 10,000 parts)
     *
     * @param bytes bytes per part
     */
    public UploadOptions partSize(long bytes) {
        return new UploadOptions(parallelism, bytes, name, overwrite, resume, metadata, tags, listener);
    }

    /**
     * @return these options giving the remote file another name
     *
     * @param remoteName the name on the server
     */
    public UploadOptions name(String remoteName) {
        return new UploadOptions(parallelism, partSize, remoteName, overwrite, resume, metadata, tags, listener);
    }

    /**
     * @return these options replacing (or not) an existing file of the same name
     *
     * @param replace true to replace
     */
    public UploadOptions overwrite(boolean replace) {
        return new UploadOptions(parallelism, partSize, name, replace, resume, metadata, tags, listener);
    }

    /**
     * @return these options resuming (or not) an interrupted upload
     *
     * @param continueEarlier true to continue an interrupted transfer
     */
    public UploadOptions resume(boolean continueEarlier) {
        return new UploadOptions(parallelism, partSize, name, overwrite, continueEarlier, metadata, tags, listener);
    }

    /**
     * @return these options also setting metadata {@code key} to {@code value}
     *
     * @param key   a metadata key, e.g. {@code sample_id}
     * @param value its value
     */
    public UploadOptions metadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new UploadOptions(parallelism, partSize, name, overwrite, resume, m, tags, listener);
    }

    /**
     * @return these options also setting every entry of {@code values}
     *
     * @param values metadata keys and values
     */
    public UploadOptions metadata(Map<String, String> values) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.putAll(values);
        return new UploadOptions(parallelism, partSize, name, overwrite, resume, m, tags, listener);
    }

    /**
     * @return these options also adding {@code tag}
     *
     * @param tag a tag for the new file
     */
    public UploadOptions tag(String tag) {
        List<String> t = new ArrayList<>(tags);
        t.add(tag);
        return new UploadOptions(parallelism, partSize, name, overwrite, resume, metadata, t, listener);
    }

    /**
     * @return these options reporting to {@code progress}
     *
     * @param progress the listener
     */
    public UploadOptions listener(ProgressListener progress) {
        return new UploadOptions(parallelism, partSize, name, overwrite, resume, metadata, tags, progress);
    }
}
