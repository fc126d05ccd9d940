package org.seqvault.client;

import java.util.Locale;

/** What an asynchronous file job does to its items. */
public enum JobType {
    /** Copies files and folders (a folder with everything in it) into a folder or project. */
    COPY,
    /** Moves files and folders (ids kept) into a folder or project. */
    MOVE,
    /** Deletes files and folders, a folder with everything in it. */
    DELETE;

    /** @return the job type as the API's paths name it: {@code copy}, {@code move}, {@code delete} */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }
}
