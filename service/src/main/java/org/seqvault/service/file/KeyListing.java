package org.seqvault.service.file;

import java.util.List;
import org.seqvault.domain.Node;

/** One page of a v1 prefix listing and the cursor that continues it (null on the last page). */
public record KeyListing(List<Node> files, String nextCursor) {
}
