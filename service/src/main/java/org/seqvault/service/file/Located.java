package org.seqvault.service.file;

import java.util.List;
import org.seqvault.domain.Node;
import org.seqvault.domain.ProjectRef;
import org.seqvault.service.extract.ExtractionStatus;

/**
 * A file or folder with the Seven Bridges id ("owner/slug") of its project, which every v2 answer
 * shows, the index files found beside it (empty unless the reading asked for them), and its
 * header-extraction status when the reading asked for it (null otherwise, and for files never queued).
 */
public record Located(Node node, ProjectRef project, List<Node> indexFiles, ExtractionStatus extraction) {
    public Located {
        indexFiles = List.copyOf(indexFiles);
    }

    public Located(Node node, ProjectRef project) {
        this(node, project, List.of(), null);
    }

    public Located withIndexFiles(List<Node> indexes) {
        return new Located(node, project, indexes, extraction);
    }

    public Located withExtraction(ExtractionStatus status) {
        return new Located(node, project, indexFiles, status);
    }
}
