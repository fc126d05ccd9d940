package org.seqvault.service.file;

import java.util.List;
import org.seqvault.domain.Node;
import org.seqvault.domain.ProjectRef;

/**
 * A file or folder with the Seven Bridges id ("owner/slug") of its project, which every v2 answer
 * shows, and the index files found beside it (empty unless the reading asked for them).
 */
public record Located(Node node, ProjectRef project, List<Node> indexFiles) {
    public Located {
        indexFiles = List.copyOf(indexFiles);
    }

    public Located(Node node, ProjectRef project) {
        this(node, project, List.of());
    }

    public Located withIndexFiles(List<Node> indexes) {
        return new Located(node, project, indexes);
    }
}
