package org.seqvault.server;

import java.time.Duration;
import org.seqvault.service.extract.MetadataExtraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that reads published files' headers: woken by each publication of this replica,
 * and looking for leftovers (published just before a restart, on another replica that went away,
 * or due for a retry) every {@link #POLL}. It never holds up an upload's answer: the upload only
 * queued the file.
 */
final class ExtractionWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionWorker.class);
    static final Duration POLL = Duration.ofSeconds(10);

    private final MetadataExtraction extraction;
    private final Thread thread;
    private volatile boolean running = true;

    ExtractionWorker(MetadataExtraction extraction) {
        this.extraction = extraction;
        this.thread = new Thread(this::run, "seqvault-header-extraction");
        thread.setDaemon(true);
    }

    ExtractionWorker start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                MetadataExtraction.Pass pass = extraction.runOnce();
                if (pass.total() == 0) {
                    extraction.awaitWork(POLL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("header extraction pass failed; will retry", e);
                try {
                    extraction.awaitWork(POLL);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Stops after the file in hand (its lease lets another replica take it over if this one is cut short). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
