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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement 6: requests per second and p99 latency of GET /v2/files/{id} and of a filtered list,
 * with wrk on loopback against a SQLite project of 10,000 loaded files. wrk's Lua script walks a
 * list of paths so requests do not all hit one row.
 */
final class ApiCallsBench {
    private static final int FILES = 10_000;
    private static final int FOLDERS = 10;
    static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private final BenchContext ctx;

    ApiCallsBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        FindData data = new FindData(FILES, FOLDERS);
        Path dataDir = ctx.work.resolve("data-api");
        FindBackend db = new FindBackend.Sqlite(dataDir);
        String group = "6 API calls (wrk, 2 threads, 16 connections, " + ctx.scale.wrkSeconds() + " s, SQLite, "
                + Format.count(FILES) + " files)";
        try {
            Api.Workspace ws;
            BulkLoader.Target target;
            try (ServerProcess server = ctx.startServer("api", "1g", List.of())) {
                Api api = ctx.admin(server);
                ws = api.createWorkspace("api");
                JsonNode seed = api.formUpload(ws.id(), "seed/", "seed.txt", "seed\n".getBytes(StandardCharsets.UTF_8));
                target = new BulkLoader.Target(ws.id(), ws.rootFolderId(), seed.path("file_id").asText(), 0, null, null);
            }
            try (Connection c = db.connect()) {
                String blob;
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
            try (ServerProcess server = ctx.startServer("api", "1g", List.of())) {
                Random random = new Random(6);
                List<String> byId = new ArrayList<>(), filtered = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    int file = random.nextInt(FILES);
                    byId.add("/v2/files/" + FindData.fileId(file));
                    filtered.add("/v2/files?parent=" + FindData.folderId(data.folderOf(file)) + "&metadata.sample_id="
                            + FindData.sampleId(file));
                }
                wrk(server, group, "GET /v2/files/{id}", byId, Target.atLeast(10_000, "req/s"));
                wrk(server, group, "GET /v2/files?parent=…&metadata.sample_id=…", filtered, Target.none());
                ctx.note("API calls: each wrk run is preceded by " + warmupSeconds() + " s of the same requests on the same"
                        + " server (a fresh server's JIT compiles for about that long on this machine); server CPU per"
                        + " request includes its JIT and GC threads.");
            }
        } finally {
            BenchContext.deleteTree(dataDir);
        }
    }

    private int warmupSeconds() {
        return ctx.scale.isQuick() ? Math.max(5, ctx.scale.wrkSeconds()) : Math.max(40, ctx.scale.wrkSeconds());
    }

    private void wrk(ServerProcess server, String group, String name, List<String> paths, Target target)
            throws IOException {
        Path list = Files.write(ctx.work.resolve("wrk-paths.txt"), paths);
        Path script = wrkScript(ctx.work);
        // Warm-up, then the measured run. A fresh server's JIT compiles for its first ~40 s on two cores:
        // after a 10 s warm-up, hundreds of compilations fell in the measured 10 s and took CPU from the
        // requests (bench/FIXES.md §18). -Dapi.warmupSeconds=N overrides it.
        runWrk(server, script, list, Integer.getInteger("api.warmupSeconds", warmupSeconds()));
        long cpuBefore = ProcStatus.cpuMillis(server.pid());
        long logBefore = Files.size(server.log);
        String out = runWrk(server, script, list, ctx.scale.wrkSeconds());
        long cpuMillis = ProcStatus.cpuMillis(server.pid()) - cpuBefore;
        Stats inServer = serverSideMillis(server.log, logBefore);
        Matcher bad = NON_2XX.matcher(out);
        if (bad.find()) {
            throw new IOException(name + ": " + bad.group(1) + " answers were not 2xx:\n" + out);
        }
        Matcher rps = RPS.matcher(out), p99 = P99.matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IOException("cannot read wrk's output:\n" + out);
        }
        double perSecond = Double.parseDouble(rps.group(1));
        double p99ms = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        // The server's own CPU per request: what the machine could do with both cores for it alone.
        double cpuPerRequest = cpuMillis / (perSecond * ctx.scale.wrkSeconds());
        ctx.add(Row.absolute(group, name, "req/s", perSecond, String.format(Locale.ROOT,
                "%,.0f req/s, p99 %.1f ms (in the server: p99 %.1f ms, max %.1f ms), server CPU %.2f ms/request",
                perSecond, p99ms, inServer.percentile(99), inServer.max(), cpuPerRequest), target));
    }

    private static final Pattern DURATION = Pattern.compile(" duration_ms=([0-9.]+)");

    /**
     * The requests' durations as the server's access log has them (from the request's arrival at
     * its handler to the answer written), for the lines logged since {@code offset}: set beside
     * wrk's latency, it tells time spent in the server from time spent before it (sockets, the
     * selector, the client itself).
     */
    private static Stats serverSideMillis(Path log, long offset) throws IOException {
        // The harness writes the server's output out when the server goes idle, right after wrk.
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Double> millis = new ArrayList<>();
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(offset);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = DURATION.matcher(line);
                if (m.find()) {
                    millis.add(Double.parseDouble(m.group(1)));
                }
            }
        }
        if (millis.isEmpty()) {
            throw new IOException("no access-log lines in " + log + " for the measured run");
        }
        return Stats.of(millis);
    }

    /** wrk's Lua script: cycles through the paths in BENCH_PATHS, with the token in BENCH_TOKEN. */
    static Path wrkScript(Path work) throws IOException {
        Path script = work.resolve("wrk-paths.lua");
        Files.writeString(script, """
                -- Cycles through the paths in BENCH_PATHS, each thread from its own start.
                local paths = {}
                for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
                local i = math.random(#paths)
                local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
                request = function()
                  i = i %% #paths + 1
                  return wrk.format("GET", paths[i], headers)
                end
                """.formatted());
        return script;
    }

    static String runWrk(ServerProcess server, Path script, Path list, int seconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + seconds + "s", "--latency", "-s",
                script.toString(), server.url);
        pb.environment().put("BENCH_PATHS", list.toString());
        pb.environment().put("BENCH_TOKEN", ServerProcess.ADMIN_TOKEN);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("wrk failed:\n" + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
