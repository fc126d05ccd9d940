package org.seqvault.cli;

import org.seqvault.client.ProgressListener;

/**
 * One item's progress in a batch: passes everything on to the batch's display, and keeps (and
 * reports to the summary) how much of the item an earlier, interrupted run had already moved.
 */
public final class ItemProgress implements ProgressListener {
    private final ProgressListener batch;
    private final TransferSummary summary;
    private final String item;
    private volatile long resumed;

    /**
     * @param batch   the batch's display
     * @param summary told when the item continues an earlier run
     * @param item    the item as messages name it
     */
    public ItemProgress(ProgressListener batch, TransferSummary summary, String item) {
        this.batch = batch;
        this.summary = summary;
        this.item = item;
    }

    /** Bytes of this item that an earlier run had moved, so this one did not. */
    public long resumed() {
        return resumed;
    }

    @Override
    public void started(String name, long totalBytes, long resumedBytes) {
        resumed = resumedBytes;
        if (resumedBytes > 0) {
            summary.resumed(item, resumedBytes, totalBytes);
        }
        batch.started(name, totalBytes, resumedBytes);
    }

    @Override
    public void transferred(long bytes) {
        batch.transferred(bytes);
    }

    @Override
    public void retrying(String what, int attempt, Exception cause) {
        batch.retrying(what, attempt, cause);
    }

    @Override
    public void finished(String name) {
        batch.finished(name);
    }
}
