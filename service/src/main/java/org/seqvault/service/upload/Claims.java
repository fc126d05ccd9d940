package org.seqvault.service.upload;

import java.util.Map;

/**
 * What the client says about an upload when it completes it; every non-null claim is checked.
 *
 * @param size   total size in bytes
 * @param etags  part number → ETag the client received for it
 * @param md5    hex MD5 of the whole file
 * @param sha256 hex SHA-256 of the whole file
 */
public record Claims(Long size, Map<Integer, String> etags, String md5, String sha256) {
    public static final Claims NONE = new Claims(null, Map.of(), null, null);

    public Claims {
        etags = etags == null ? Map.of() : Map.copyOf(etags);
    }
}
