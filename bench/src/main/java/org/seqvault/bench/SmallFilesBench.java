package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measurement 4: many 4 KiB files from 8 concurrent clients, through the v1 form upload (one
 * request per file) and through the v2 multipart protocol (init, part URL, PUT, complete: four
 * requests per file). Files per second over the whole batch; every file is durable when its
 * last request answers.
 */
final class SmallFilesBench {
    private static final int CLIENTS = 8;
    private static final int SIZE = 4096;
    private final BenchContext ctx;

    SmallFilesBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int n = ctx.scale.smallFiles();
        byte[] content = new byte[SIZE];
        new java.util.Random(4).nextBytes(content);
        try (ServerProcess server = ctx.startServer("small", "1g", List.of())) {
            Api api = ctx.admin(server);
            Api.Workspace ws = api.createWorkspace("small");
            String group = "4 Small files (" + Format.count(n) + " × 4 KiB, " + CLIENTS + " clients)";
            // A warm-up of each path, so the JIT's work is not counted: after 1,000 files of each, the JIT
            // still compiled 740-800 methods during the measured v1 batch, after 5,000 under 200
            // (bench/FIXES.md, section 19). -Dsmall.warmupFiles=N overrides it.
            int warmup = Integer.getInteger("small.warmupFiles", n / 2);
            perSecond(warmup, i -> api.formUpload(ws.id(), "warm/", "f" + i + ".bin", content));
            perSecond(warmup, i -> multipart(api, ws.rootFolderId(), "warm-" + i + ".bin", content));
            long self = ProcessHandle.current().pid();
            long compiled = JitCompilations.count(server.pid());
            long cpu = ProcStatus.cpuMillis(server.pid()), clientCpu = ProcStatus.cpuMillis(self);
            double v1 = perSecond(n, i -> api.formUpload(ws.id(), "v1/", "f" + i + ".bin", content));
            long v1Cpu = ProcStatus.cpuMillis(server.pid()) - cpu, v1Client = ProcStatus.cpuMillis(self) - clientCpu;
            long v1Compiled = JitCompilations.count(server.pid()) - compiled;
            ctx.add(Row.absolute(group, "v1 form upload", "files/s", v1, String.format(
                    "%.0f files/s, server CPU %.1f ms/file", v1, (double) v1Cpu / n), Target.atLeast(500, "files/s")));
            compiled = JitCompilations.count(server.pid());
            cpu = ProcStatus.cpuMillis(server.pid());
            clientCpu = ProcStatus.cpuMillis(self);
            double v2 = perSecond(n, i -> multipart(api, ws.rootFolderId(), "v2-" + i + ".bin", content));
            long v2Cpu = ProcStatus.cpuMillis(server.pid()) - cpu, v2Client = ProcStatus.cpuMillis(self) - clientCpu;
            long v2Compiled = JitCompilations.count(server.pid()) - compiled;
            ctx.add(Row.absolute(group, "v2 multipart protocol", "files/s", v2, String.format(
                    "%.0f files/s, server CPU %.1f ms/file", v2, (double) v2Cpu / n), Target.atLeast(500, "files/s")));
            // The clients run on the same two cores as the server, so what they spend is not the server's.
            ctx.note(String.format(java.util.Locale.ROOT, "Small files: the %d clients (this harness's JVM) spent"
                    + " %.1f ms of CPU per v1 file and %.1f ms per v2 file, on the same cores as the server.",
                    CLIENTS, (double) v1Client / n, (double) v2Client / n));
            ctx.note(String.format(java.util.Locale.ROOT, "Small files: each protocol was warmed up with %,d files"
                    + " first; the server's JIT still compiled %d methods during the v1 batch and %d during the v2"
                    + " batch.", warmup, v1Compiled, v2Compiled));
        } finally {
            BenchContext.deleteTree(ctx.work.resolve("data-small"));
        }
    }

    static void multipart(Api api, String parent, String name, byte[] content) throws Exception {
        JsonNode upload = api.post("/v2/upload/multipart", Map.of("parent", parent, "name", name, "size", content.length,
                "part_size", content.length), 200);
        String id = upload.path("upload_id").asText();
        String url = api.get("/v2/upload/multipart/" + id + "/part/1").path("url").asText();
        api.putBytes(url, content);
        api.post("/v2/upload/multipart/" + id + "/complete", Map.of(), 200);
    }

    @FunctionalInterface
    interface Upload {
        void file(int index) throws Exception;
    }

    /** Runs n uploads on CLIENTS threads, each taking the next index; returns files per second. */
    static double perSecond(int n, Upload upload) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            long start = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        upload.file(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
            return n / BenchContext.seconds(start);
        }
    }
}
