package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

/**
 * Measurement 7: an async copy job of 10 folders holding 100,000 files in all (quick: 10,000), on
 * SQLite with the default batch of 500 nodes per transaction: how long it takes alone (and the server's CPU
 * for it), and, run again, the p99 latency of GET /v2/files/{id} (wrk, 2 threads, 16 connections, on files
 * the job does not touch) before the job and while it runs. The copy is metadata only: no byte is copied.
 */
final class JobsBench {
    private static final int FOLDERS = 10;
    private static final int SLICE_SECONDS = 3;
    private final BenchContext ctx;

    JobsBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int files = ctx.scale.isQuick() ? 10_000 : 100_000;
        FindData data = new FindData(files, FOLDERS);
        Path dataDir = ctx.work.resolve("data-jobs");
        FindBackend db = new FindBackend.Sqlite(dataDir);
        String group = "7 async copy job (" + Format.count(files) + " files in " + FOLDERS + " folders, SQLite)";
        try {
            Api.Workspace ws;
            BulkLoader.Target target;
            try (ServerProcess server = ctx.startServer("jobs", "1g", List.of())) {
                ws = ctx.admin(server).createWorkspace("jobs");
                JsonNode seed = ctx.admin(server).formUpload(ws.id(), "seed/", "seed.txt",
                        "seed\n".getBytes(StandardCharsets.UTF_8));
                target = new BulkLoader.Target(ws.id(), ws.rootFolderId(), seed.path("file_id").asText(), 0, null, null);
            }
            try (Connection c = db.connect()) {
                try (var ps = c.prepareStatement("SELECT blob_id, size, md5, sha256 FROM nodes WHERE id = ?")) {
                    ps.setString(1, target.blobId());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        target = new BulkLoader.Target(ws.id(), ws.rootFolderId(), rs.getString(1), rs.getLong(2),
                                rs.getString(3), rs.getString(4));
                    }
                }
                new BulkLoader(data, target).loadSqlite(c);
            }
            try (ServerProcess server = ctx.startServer("jobs", "1g", List.of())) {
                Api api = ctx.admin(server);
                Random random = new Random(7);
                List<String> byId = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    byId.add("/v2/files/" + FindData.fileId(random.nextInt(files)));
                }
                Path list = Files.write(ctx.work.resolve("wrk-jobs-paths.txt"), byId);
                Path script = ApiCallsBench.wrkScript(ctx.work);
                ApiCallsBench.runWrk(server, script, list, Math.max(5, ctx.scale.wrkSeconds())); // warm-up
                double before = p99(ApiCallsBench.runWrk(server, script, list, ctx.scale.wrkSeconds()));

                List<Map<String, String>> items = new ArrayList<>();
                for (int f = 0; f < FOLDERS; f++) {
                    items.add(Map.of("file", FindData.folderId(f), "parent", ws.rootFolderId()));
                }
                long entries = files + FOLDERS;
                // First alone: its time and the server's CPU for it, which the machine's other load changes less.
                long cpuBefore = ProcStatus.cpuMillis(server.pid());
                double alone = copy(api, items, entries, () -> { });
                double cpuSeconds = (ProcStatus.cpuMillis(server.pid()) - cpuBefore) / 1000.0;
                // Then again, with GET /v2/files/{id} hammered meanwhile, 3 s of wrk at a time until it is done.
                List<Double> during = new ArrayList<>();
                double loaded = copy(api, items, entries, () -> during.add(p99(ApiCallsBench.runWrk(server, script,
                        list, SLICE_SECONDS))));
                double worst = during.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                ctx.add(Row.absolute(group, "copy job of " + Format.count(entries) + " entries, alone", "s", alone,
                        String.format(Locale.ROOT, "%.1f s (%,.0f entries/s), server CPU %.1f s", alone,
                                entries / alone, cpuSeconds), Target.none()));
                ctx.add(Row.absolute(group, "the same copy job under GET load", "s", loaded,
                        String.format(Locale.ROOT, "%.1f s", loaded), Target.none()));
                ctx.add(Row.absolute(group, "GET /v2/files/{id} p99 before the job", "ms", before,
                        String.format(Locale.ROOT, "p99 %.1f ms", before), Target.none()));
                ctx.add(Row.absolute(group, "GET /v2/files/{id} p99 while it runs", "ms", worst,
                        String.format(Locale.ROOT, "p99 %.1f ms (worst of %d %d-s slices)", worst, during.size(),
                                SLICE_SECONDS), Target.none()));
            }
        } finally {
            BenchContext.deleteTree(dataDir);
        }
    }

    /** A slice of work done over and over while a job runs. */
    @FunctionalInterface
    private interface Meanwhile {
        void run() throws IOException;
    }

    /** Submits the copy, does {@code meanwhile} until it is FINISHED, checks it copied everything; returns its seconds. */
    private static double copy(Api api, List<Map<String, String>> items, long entries, Meanwhile meanwhile)
            throws Exception {
        long start = System.nanoTime();
        String job = api.post("/v2/async/files/copy", Map.of("items", items), 200).get("id").asText();
        AtomicLong finishedNanos = new AtomicLong();
        Thread poller = Thread.ofPlatform().start(() -> awaitFinished(api, job, finishedNanos));
        while (finishedNanos.get() == 0) {
            meanwhile.run();
            if (finishedNanos.get() == 0) {
                Thread.sleep(20);
            }
        }
        poller.join();
        JsonNode done = api.get("/v2/async/files/copy/" + job);
        if (done.get("completed_files").asLong() != entries || done.get("failed_files").asLong() != 0) {
            throw new IOException("the copy job did not copy everything: " + done);
        }
        return (finishedNanos.get() - start) / 1e9;
    }

    private static void awaitFinished(Api api, String job, AtomicLong finishedNanos) {
        try {
            while (!api.get("/v2/async/files/copy/" + job).get("state").asText().equals("FINISHED")) {
                Thread.sleep(100);
            }
            finishedNanos.set(System.nanoTime());
        } catch (IOException | InterruptedException e) {
            finishedNanos.set(System.nanoTime());
            throw new IllegalStateException("could not follow job " + job, e);
        }
    }

    /** wrk's 99th percentile latency in milliseconds; every answer must have been 2xx. */
    private static double p99(String wrkOutput) throws IOException {
        Matcher bad = ApiCallsBench.NON_2XX.matcher(wrkOutput);
        if (bad.find()) {
            throw new IOException(bad.group(1) + " answers were not 2xx:\n" + wrkOutput);
        }
        Matcher p99 = ApiCallsBench.P99.matcher(wrkOutput);
        if (!p99.find()) {
            throw new IOException("cannot read wrk's output:\n" + wrkOutput);
        }
        return Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
    }
}
