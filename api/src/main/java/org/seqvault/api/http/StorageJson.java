package org.seqvault.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.domain.Quota;
import org.seqvault.domain.Usage;

/** A project's usage and quota, the same in every dialect's project JSON and the admin answers. */
public final class StorageJson {
    private StorageJson() {
    }

    /** {bytes, files} stored (trashed files included until purged), and what unfinished uploads reserve. */
    public static Map<String, Object> usage(Usage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", u.bytes());
        m.put("files", u.files());
        m.put("reserved_bytes", u.reservedBytes());
        m.put("reserved_files", u.reservedFiles());
        return m;
    }

    /** {bytes, files}; null for no limit. */
    public static Map<String, Object> quota(Quota q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", q.bytes());
        m.put("files", q.files());
        return m;
    }
}
