package org.seqvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a batch of uploads or downloads did: each item as it finishes (a line on stderr when no
 * progress bar is shown), then a summary line with bytes, time and rate, or with {@code --json}
 * one document on stdout. The exit code is 1 when any item failed.
 */
public final class TransferSummary {
    private final CliContext ctx;
    private final String verb;
    private final boolean json;
    private final boolean itemLines;
    private final long started = System.nanoTime();
    private final List<Map<String, Object>> done = new ArrayList<>();
    private final List<Map<String, Object>> failed = new ArrayList<>();
    private long bytes;

    /**
     * @param verb      "uploaded" or "downloaded"
     * @param json      print one JSON document at the end instead of lines
     * @param itemLines print a line per finished item (when there is no progress bar)
     */
    public TransferSummary(CliContext ctx, String verb, boolean json, boolean itemLines) {
        this.ctx = ctx;
        this.verb = verb;
        this.json = json;
        this.itemLines = itemLines && !json;
    }

    public synchronized void ok(String from, String to, long size, String id) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("from", from);
        item.put("to", to);
        item.put("size", size);
        if (id != null) {
            item.put("id", id);
        }
        done.add(item);
        bytes += size;
        if (itemLines) {
            ctx.err().println(verb + " " + from + " -> " + to + " (" + Output.size(size) + ")");
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

    /** Prints the summary; returns the exit code. */
    public int finish() {
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = done.size() + failed.size();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(verb, done);
            doc.put("failed", failed);
            doc.put("bytes", bytes);
            doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
            Output.json(ctx.out(), doc);
        } else {
            ctx.err().println(String.format(Locale.ROOT, "%s %d file%s (%s) in %.1f s, %s/s", verb, done.size(),
                    done.size() == 1 ? "" : "s", Output.size(bytes), seconds,
                    Output.size(seconds > 0 ? (long) (bytes / seconds) : bytes)));
            if (!failed.isEmpty()) {
                ctx.err().println("seqvault: " + failed.size() + " of " + total + " failed (see above)");
            }
        }
        return failed.isEmpty() ? Main.OK : Main.FAILED;
    }
}
