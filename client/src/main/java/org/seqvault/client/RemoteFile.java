package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 */
public record RemoteFile(String id, String name, long size, String project, String parent, String type,
                         @JsonProperty("created_on") Instant createdOn, @JsonProperty("modified_on") Instant modifiedOn,
                         Map<String, String> origin, Map<String, String> metadata, List<String> tags,
                         @JsonProperty("_secondary_files") List<RemoteFile> secondaryFiles,
                         @JsonProperty("drs_uri") String drsUri) {

    /** Empty maps and lists for keys the server left out. */
    public RemoteFile {
        origin = origin == null ? Map.of() : origin;
        metadata = metadata == null ? Map.of() : metadata;
        tags = tags == null ? List.of() : tags;
        secondaryFiles = secondaryFiles == null ? List.of() : secondaryFiles;
    }

    /** @return true for a folder */
    @JsonIgnore
    public boolean isFolder() {
        return "folder".equalsIgnoreCase(type);
    }
}
