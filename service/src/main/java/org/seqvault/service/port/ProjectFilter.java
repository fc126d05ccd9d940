package org.seqvault.service.port;

import java.util.List;
import org.seqvault.domain.Username;

/**
 * Which readable projects a listing shows: those of {@code owner}, named exactly {@code name},
 * carrying every one of {@code tags}; a null (or, for tags, empty) part does not filter.
 */
public record ProjectFilter(Username owner, String name, List<String> tags) {
    public static final ProjectFilter ALL = new ProjectFilter(null, null, List.of());

    public ProjectFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
