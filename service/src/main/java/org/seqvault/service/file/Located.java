package org.seqvault.service.file;

import org.seqvault.domain.Node;
import org.seqvault.domain.ProjectRef;

/** A file or folder with the Seven Bridges id ("owner/slug") of its project, which every v2 answer shows. */
public record Located(Node node, ProjectRef project) {
}
