package org.seqvault.service.extract;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.seqvault.domain.Node;
import org.seqvault.service.port.MetadataStore.Tx;

/** The extraction status of files already authorised for the caller (views add it to a file's answer). */
@FunctionalInterface
public interface ExtractionStatuses {
    /** Nothing is ever extracted: no file has a status. */
    ExtractionStatuses NONE = ids -> Map.of();

    /** The statuses of those of {@code fileIds} that were queued for extraction, by file id. */
    Map<String, ExtractionStatus> of(Collection<String> fileIds);

    /**
     * The same, read in the caller's transaction (its snapshot, and no transaction of its own);
     * this default, for sources that keep no statuses in the store, just asks {@link #of(Collection)}.
     */
    default Map<String, ExtractionStatus> of(Tx tx, Collection<String> fileIds) {
        return of(fileIds);
    }

    /** The ids of the files among {@code nodes} that can have a status: only names SeqVault reads are ever queued. */
    static List<String> askable(Collection<Node> nodes) {
        return nodes.stream().filter(n -> !n.isFolder() && HeaderFormat.of(n.name()).isPresent()).map(Node::id).toList();
    }
}
