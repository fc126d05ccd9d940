package org.seqvault.service.extract;

import java.time.Instant;
import org.seqvault.domain.Node;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * Where a publication queues a file for header extraction, in the transaction that publishes it
 * (so a file published just before a crash is still read after the restart), and who is woken
 * once that transaction has committed.
 */
public final class ExtractionQueue {
    /** Extraction turned off: nothing is queued. */
    public static final ExtractionQueue OFF = new ExtractionQueue(false, () -> {
    });

    private final boolean enabled;
    private final Runnable wake;

    public ExtractionQueue(boolean enabled, Runnable wake) {
        this.enabled = enabled;
        this.wake = wake;
    }

    /** Queues a just-published file when extraction is on and its name is a format SeqVault reads; true if queued. */
    public boolean offer(Tx tx, Node file, Instant now) {
        if (!enabled || file.isFolder() || HeaderFormat.of(file.name()).isEmpty()) {
            return false;
        }
        tx.extractions().enqueue(file.id(), now);
        return true;
    }

    /** Tells the worker there is work, after the transaction that queued it committed. */
    public void wake() {
        wake.run();
    }
}
