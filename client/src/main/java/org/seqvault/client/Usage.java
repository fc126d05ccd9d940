package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a project holds.
 *
 * @param bytes         the size of its files (trashed files too, until they are purged)
 * @param files         how many files it has (folders are not counted)
 * @param reservedBytes what its unfinished uploads have declared, reserved until they end
 * @param reservedFiles how many unfinished uploads it has (each reserves one file)
 */
public record Usage(long bytes, long files, @JsonProperty("reserved_bytes") long reservedBytes,
                    @JsonProperty("reserved_files") long reservedFiles) {
}
