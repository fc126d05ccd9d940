package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A file or folder as the v2 API shows it.
 *
 * @param id         24 hex characters
 * @param name       the name in its folder
 * @param size       bytes (0 for folders)
 * @param project    the project id, {@code owner/slug}
 * @param parent     the containing folder's id (null for a project's root folder)
 * @param type       {@code file} or {@code folder}
 * @param createdOn  when it was created
 * @param modifiedOn when it last changed
 * @param origin     {@code {"task": id}} for task outputs, else empty
 * @param metadata   string keys and values, never null
 * @param tags       in order, never null
 * @param secondaryFiles the index files linked to this data file by name in its folder ({@code x.bam.bai},
 *                   {@code x.bai}, …), most usual first; empty for other files, never null
 * @param drsUri     where a GA4GH DRS client resolves the file ({@code drs://host/id}); null for folders
 * @param extractedMetadata where reading the file's header for metadata stands, and which metadata keys
 *                   came from it; null for a file that is not a BAM, CRAM, SAM, VCF, BCF or FASTQ, or when the
 *                   server does not read headers (docs/genomics.md)
 */
public record RemoteFile(String id, String name, long size, String project, String parent, String type,
                         @JsonProperty("created_on") Instant createdOn, @JsonProperty("modified_on") Instant modifiedOn,
                         Map<String, String> origin, Map<String, String> metadata, List<String> tags,
                         @JsonProperty("_secondary_files") List<RemoteFile> secondaryFiles,
                         @JsonProperty("drs_uri") String drsUri,
                         @JsonProperty("extracted_metadata") @JsonInclude(JsonInclude.Include.NON_NULL)
                         HeaderMetadata extractedMetadata) {

    /** Empty maps and lists for keys the server left out. */
    public RemoteFile {
        origin = origin == null ? Map.of() : origin;
        metadata = metadata == null ? Map.of() : metadata;
        tags = tags == null ? List.of() : tags;
        secondaryFiles = secondaryFiles == null ? List.of() : secondaryFiles;
    }

    /** A file without index files, DRS URI or extraction status (as before those existed). */
    public RemoteFile(String id, String name, long size, String project, String parent, String type, Instant createdOn,
                      Instant modifiedOn, Map<String, String> origin, Map<String, String> metadata, List<String> tags) {
        this(id, name, size, project, parent, type, createdOn, modifiedOn, origin, metadata, tags, null, null, null);
    }

    /**
     * Where reading a file's header stands.
     *
     * @param status {@code pending}, {@code retrying: <why>}, {@code done}, {@code unreadable: <why>},
     *               {@code header_too_large} or {@code failed: <why>}
     * @param keys   the metadata keys whose values were read from the header (a key the user set is never one)
     */
    public record HeaderMetadata(String status, List<String> keys) {
        public HeaderMetadata {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        /** @return true once the header was read and its keys filled in */
        @JsonIgnore
        public boolean isDone() {
            return "done".equals(status);
        }
    }

    /** @return true for a folder */
    @JsonIgnore
    public boolean isFolder() {
        return "folder".equalsIgnoreCase(type);
    }
}
