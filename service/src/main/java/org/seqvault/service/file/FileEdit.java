package org.seqvault.service.file;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to one file: a new name, metadata, tags and origin task; null means "not given".
 * A null metadata value removes that key when merging (so the map may hold nulls).
 */
public record FileEdit(String id, String name, Map<String, String> metadata, List<String> tags, String originTask) {

    public FileEdit {
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tags = tags == null ? null : Collections.unmodifiableList(new ArrayList<>(tags));
    }

    /** How the parts an edit leaves out are read. */
    public enum Mode {
        /** Given metadata keys are merged in, given tags replace the old ones, the rest stays (bulk edit). */
        MERGE,
        /** Given metadata and given tags replace the old ones, the rest stays (PATCH /files/{id}). */
        PATCH,
        /** Metadata and tags are replaced, and reset to empty when left out; name and origin stay unless given (bulk update). */
        REPLACE
    }
}
