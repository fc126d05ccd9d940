package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What one delete put in a project's trash: a file, or a folder with everything that was in it.
 *
 * @param id        the id the file or folder had, and gets back when restored
 * @param name      its name
 * @param type      {@code file} or {@code folder}
 * @param path      where it was below the project's root, e.g. {@code raw/x.vcf} or {@code runs/r1}
 * @param project   the project id, {@code owner/slug}
 * @param parent    the id of the folder it was in (that folder may be gone since)
 * @param files     how many files it holds (1 for a file)
 * @param size      the bytes of those files
 * @param deletedBy the username of who deleted it
 * @param deletedOn when it was deleted
 * @param expiresOn when it leaves the trash for good, unless restored first
 */
public record TrashedItem(String id, String name, String type, String path, String project, String parent, long files,
                          long size, @JsonProperty("deleted_by") String deletedBy,
                          @JsonProperty("deleted_on") Instant deletedOn, @JsonProperty("expires_on") Instant expiresOn) {

    /** @return true for a folder */
    @JsonIgnore
    public boolean isFolder() {
        return "folder".equalsIgnoreCase(type);
    }
}
