package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measurement 5: concurrent large uploads (each a presigned PUT sent by curl, then confirmed)
 * into a server started with -Xmx256m. Reports the server's peak resident set size (VmHWM) and
 * checks that every upload was confirmed with the right size.
 */
final class MemoryBench {
    private final BenchContext ctx;

    MemoryBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int uploads = ctx.scale.memoryUploads();
        long size = ctx.scale.memoryUploadSize();
        long free = Files.getFileStore(ctx.work).getUsableSpace();
        if (free < uploads * size + (4L << 30)) {
            throw new IOException("needs " + Format.bytes(uploads * size) + " free plus 4 GiB; "
                    + free / (1 << 20) + " MiB free under " + ctx.work);
        }
        Path file = BenchContext.randomFile(ctx.work.resolve("memory.bin"), size);
        String group = "5 Memory (" + uploads + " concurrent " + Format.bytes(size) + " uploads, -Xmx256m)";
        try (ServerProcess server = ctx.startServer("memory", "256m", List.of())) {
            Api api = ctx.admin(server);
            Api.Workspace ws = api.createWorkspace("memory");
            PageCache.warm(file);
            long start = System.nanoTime();
            int confirmed = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(uploads)) {
                List<Future<Transfers.Uploaded>> all = new ArrayList<>();
                for (int i = 0; i < uploads; i++) {
                    String name = "m" + i + ".bin";
                    all.add(pool.submit(() -> Transfers.singlePut(api, ws.id(), name, file, size)));
                }
                for (Future<Transfers.Uploaded> f : all) {
                    try {
                        f.get();
                        confirmed++;
                    } catch (Exception e) {
                        ctx.note("memory: an upload failed: " + e.getCause());
                    }
                }
            }
            double seconds = BenchContext.seconds(start);
            JsonNode listed = api.get("/v1/files?workspace_id=" + ws.id() + "&prefix=bench/&limit=1000").path("files");
            long rightSize = 0;
            for (JsonNode f : listed) {
                rightSize += f.path("size").asLong() == size ? 1 : 0;
            }
            double peakMb = server.peakRssBytes() / 1e6;
            ctx.add(Row.absolute(group, "peak RSS of the server", "MB", peakMb, String.format("%.0f MB", peakMb),
                    Target.atMost(512, "MB")));
            ctx.add(Row.absolute(group, "uploads confirmed and listed with their size", "uploads", Math.min(confirmed, rightSize),
                    confirmed + " confirmed, " + rightSize + " listed (" + String.format("%.1f s, %.2f GB/s in all)",
                            seconds, uploads * size / seconds / 1e9), Target.atLeast(uploads, "uploads")));
            if (!server.alive()) {
                ctx.note("memory: the server died during the measurement; see " + server.log);
            }
        } finally {
            BenchContext.deleteTree(ctx.work.resolve("data-memory"));
            Files.deleteIfExists(file);
        }
    }
}
