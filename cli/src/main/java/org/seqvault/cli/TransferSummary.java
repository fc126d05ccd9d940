package org.seqvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a batch of uploads or downloads did: each item as it finishes (a line on stderr when no
 * progress bar is shown), then a summary line with the bytes this run moved, time, rate and what
 * was verified, or with {@code --json} one document on stdout. The exit code is 1 when any item
 * failed. An item that continues an interrupted run says so, and counts only what it moved; a
 * run that is interrupted itself says how far it got and how to continue.
 */
public final class TransferSummary {
    private final CliContext ctx;
    private final String verb;
    private final String verified;
    private final boolean json;
    private final boolean itemLines;
    private final boolean bar;
    private final long started = System.nanoTime();
    private final List<Map<String, Object>> done = new ArrayList<>();
    private final List<Map<String, Object>> failed = new ArrayList<>();
    private final List<Map<String, Object>> skipped = new ArrayList<>();
    private long bytes;
    private long resumedBytes;

    /**
     * @param verb      "uploaded" or "downloaded"
     * @param verified  what the SDK checked of every item that went through, for the summary line
     * @param json      print one JSON document at the end instead of lines
     * @param itemLines print a line per finished item (when there is no progress bar)
     */
    public TransferSummary(CliContext ctx, String verb, String verified, boolean json, boolean itemLines) {
        this.ctx = ctx;
        this.verb = verb;
        this.verified = verified;
        this.json = json;
        this.itemLines = itemLines && !json;
        this.bar = !itemLines && !json;
    }

    /** An item continues an earlier run that had moved {@code already} of its {@code total} bytes. */
    public synchronized void resumed(String from, long already, long total) {
        if (itemLines) {
            ctx.err().println("resuming " + from + ": " + Output.size(already) + " of " + Output.size(total)
                    + " came through in an earlier run");
        }
    }

    /**
     * An item went through.
     *
     * @param size    its size
     * @param resumed how much of it an earlier run had moved (not counted as moved now)
     */
    public synchronized void ok(String from, String to, long size, long resumed, String id) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("from", from);
        item.put("to", to);
        item.put("size", size);
        if (resumed > 0) {
            item.put("resumed_bytes", resumed);
        }
        if (id != null) {
            item.put("id", id);
        }
        done.add(item);
        bytes += size - resumed;
        resumedBytes += resumed;
        if (itemLines) {
            ctx.err().println(verb + " " + from + " -> " + to + " (" + Output.size(size)
                    + (resumed > 0 ? ", " + Output.size(size - resumed) + " of it now" : "") + ")");
        }
    }

    /** An item was left alone: its bytes are at {@code to} already (same size and SHA-256). */
    public synchronized void skipped(String from, String to, long size) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("from", from);
        item.put("to", to);
        item.put("size", size);
        skipped.add(item);
        if (itemLines) {
            ctx.err().println("skipped " + from + " -> " + to + " (" + Output.size(size)
                    + ", the same size and SHA-256 are there already)");
        }
    }

    public synchronized void failed(String from, String to, Throwable error) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("from", from);
        item.put("to", to);
        item.put("error", Errors.describe(error));
        failed.add(item);
        if (ctx.debug()) {
            error.printStackTrace(ctx.err());
        }
        if (!json) {
            String message = Errors.describe(error);
            ctx.err().println("seqvault: " + (message.startsWith(from + ":") ? message : from + ": " + message));
        }
    }

    /**
     * Until closed, a JVM that stops first (Ctrl-C, SIGTERM) prints how far the batch got,
     * then {@code howToContinue}.
     */
    public Interruption onInterrupt(int files, String howToContinue) {
        Thread notice = new Thread(() -> ctx.err().println(interrupted(files, howToContinue)),
                "seqvault-interrupted");
        try {
            Runtime.getRuntime().addShutdownHook(notice);
        } catch (IllegalStateException shuttingDown) {
            // interrupted before the batch began: nothing to say about it
        }
        return new Interruption(notice);
    }

    private synchronized String interrupted(int files, String howToContinue) {
        return (bar ? System.lineSeparator() : "") + "seqvault: interrupted with " + done.size() + " of " + files
                + " file" + (files == 1 ? "" : "s") + " " + verb + ". " + howToContinue;
    }

    /** Ends the watch for an interruption: the batch is over. */
    public static final class Interruption implements AutoCloseable {
        private final Thread notice;

        private Interruption(Thread notice) {
            this.notice = notice;
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException shuttingDown) {
                // the notice runs, or was never added
            }
        }
    }

    /** Prints the summary; returns the exit code. */
    public synchronized int finish() {
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = done.size() + failed.size() + skipped.size();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(verb, done);
            if (!skipped.isEmpty()) {
                doc.put("skipped", skipped);
            }
            doc.put("failed", failed);
            doc.put("bytes", bytes);
            doc.put("resumed_bytes", resumedBytes);
            doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
            Output.json(ctx.out(), doc);
        } else {
            String moved = resumedBytes > 0
                    ? Output.size(bytes) + " now, " + Output.size(resumedBytes) + " in an earlier run"
                    : Output.size(bytes);
            ctx.err().println(String.format(Locale.ROOT, "%s %d file%s (%s) in %.1f s, %s/s%s", verb, done.size(),
                    done.size() == 1 ? "" : "s", moved, seconds,
                    Output.size(seconds > 0 ? (long) (bytes / seconds) : bytes),
                    done.isEmpty() ? "" : "; " + verified));
            if (!skipped.isEmpty()) {
                ctx.err().println("skipped " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s")
                        + " that the server has already (same size and SHA-256)");
            }
            if (!failed.isEmpty()) {
                ctx.err().println("seqvault: " + failed.size() + " of " + total + " failed (see above)");
            }
        }
        return failed.isEmpty() ? Main.OK : Main.FAILED;
    }
}
