package org.seqvault.service.file;

import java.time.Instant;
import org.seqvault.domain.Node;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * What a delete does to a file or a folder (with everything in it), whichever API asked: moves it to
 * its project's trash, or with the trash off deletes it, its bytes left to the collector once no
 * file points to them. Either way it is gone from every listing, lookup and download link at once.
 */
final class Removal {
    private final TrashRetention retention;
    private final Clock clock;

    Removal(TrashRetention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    void remove(Tx tx, Principal caller, Node node) {
        if (retention.enabled()) {
            Instant now = clock.now();
            tx.trash().put(node, caller.user().username().value(), now, now.plus(retention.period()));
        } else if (node.isFolder()) {
            tx.nodes().deleteTree(node);
        } else {
            tx.nodes().delete(node.id());
        }
    }
}
