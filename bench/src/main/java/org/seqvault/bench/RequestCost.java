package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * A diagnostic, not one of the issue's measurements: the server's CPU time per request and per
 * small file in steady state, repeated, with rate limiting off (as the suite runs) or on. On a
 * machine shared with other work the wall-clock rates swing with the load; CPU per operation is
 * what a server-side change moves. Optionally records the measured phases with JFR.
 *
 * <pre>
 * java -cp 'bench/target/classes:bench/target/lib/*' org.seqvault.bench.RequestCost --server-jar JAR --work DIR
 *      [--rate-limit N] [--reps 3] [--seconds 10] [--files 1000] [--jfr DIR] [--jfr-settings profile|FILE.jfc]
 *      [--server-flags "-XX:... -D..."] [--uploads false] [--sequential 10000] [--metadata true]
 * </pre>
 *
 * {@code --uploads false} skips the measured upload phases (the warm-up uploads still run: the GETs
 * read those files). {@code --sequential N} adds phases of N requests one after another on one
 * kept-alive connection ({@code GET /healthz}, then {@code GET /v2/files/{id}}) and prints their
 * latency percentiles: the tail of a trivial request, apart from any load wrk adds.
 * {@code --metadata true} gives every file the GETs read the 10 metadata keys and 3 tags of the
 * find and API measurements ({@link FindData}), as {@code bench/run}'s API calls have them.
 */
public final class RequestCost {
    private static final int SIZE = 4096;
    /** -Dthreads=true: also the CPU per operation of the busiest thread groups (JIT, GC, carriers, ...). */
    private static final boolean SHOW_THREADS = Boolean.getBoolean("threads");
    /** JFR settings of the recorded phases: a name the JDK knows or a .jfc file (set once, in main). */
    private static String jfrSettings = "profile";

    private RequestCost() {
    }

    public static void main(String[] args) throws Exception {
        Api.configureConnections();
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        Path work = Files.createDirectories(Path.of(o.get("work")).toAbsolutePath());
        int reps = Integer.parseInt(o.getOrDefault("reps", "3"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int files = Integer.parseInt(o.getOrDefault("files", "1000"));
        Path jfr = o.containsKey("jfr") ? Files.createDirectories(Path.of(o.get("jfr")).toAbsolutePath()) : null;
        jfrSettings = o.getOrDefault("jfr-settings", "profile");
        List<String> extra = o.containsKey("rate-limit") ? List.of("--rate-limit", o.get("rate-limit")) : List.of();
        List<String> serverFlags = o.getOrDefault("server-flags", "").isBlank() ? List.of()
                : List.of(o.get("server-flags").trim().split("\\s+"));
        boolean uploads = Boolean.parseBoolean(o.getOrDefault("uploads", "true"));
        int sequential = Integer.parseInt(o.getOrDefault("sequential", "0"));
        boolean metadata = Boolean.parseBoolean(o.getOrDefault("metadata", "false"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy), "stop-children"));
        Path data = Files.createDirectories(work.resolve("data-cost"));
        try (ServerProcess server = ServerProcess.start(Path.of(o.get("server-jar")), data, work.resolve("logs"), "1g",
                serverFlags, extra.toArray(String[]::new))) {
            Api api = new Api(server.url, ServerProcess.ADMIN_TOKEN);
            Api.Workspace ws = api.createWorkspace("cost");
            byte[] content = new byte[SIZE];
            new Random(4).nextBytes(content);
            System.out.printf("rate limit %s, server flags %s, load %s%n", o.getOrDefault("rate-limit", "0"),
                    serverFlags, PageCache.loadAverage());
            // Warm-up of both upload paths; the v1 files are also what the GETs read.
            List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
            SmallFilesBench.perSecond(files / 2, i -> ids.add(api.formUpload(ws.id(), "warm/", "w" + i, content)
                    .path("file_id").asText()));
            SmallFilesBench.perSecond(files / 2, i -> SmallFilesBench.multipart(api, ws.rootFolderId(), "w" + i, content));
            if (metadata) {
                FindData described = new FindData(ids.size(), 10);
                for (int i = 0; i < ids.size(); i++) {
                    api.put("/v2/files/" + ids.get(i) + "/metadata", described.metadata(i));
                    api.put("/v2/files/" + ids.get(i) + "/tags", described.tags(i));
                }
            }
            for (int r = 1; r <= (uploads ? reps : 0); r++) {
                int rep = r;
                phase(server, jfr, "v1-" + r, files, () -> SmallFilesBench.perSecond(files,
                        i -> api.formUpload(ws.id(), "v1-" + rep + "/", "f" + i, content)));
                phase(server, jfr, "v2-" + r, files, () -> SmallFilesBench.perSecond(files,
                        i -> SmallFilesBench.multipart(api, ws.rootFolderId(), "v2-" + rep + "-" + i, content)));
            }
            Path list = Files.write(work.resolve("cost-paths.txt"), ids.stream().map(id -> "/v2/files/" + id).toList());
            Path script = ApiCallsBench.wrkScript(work);
            ApiCallsBench.runWrk(server, script, list, 2 * seconds);
            Path health = Files.write(work.resolve("cost-health.txt"), List.of("/healthz"));
            for (int r = 1; r <= reps; r++) {
                wrkPhase(server, jfr, "health-" + r, script, health, seconds);
                wrkPhase(server, jfr, "get-" + r, script, list, seconds);
            }
            for (int r = 1; r <= (sequential > 0 ? reps : 0); r++) {
                sequentialPhase(server, jfr, "seq-health-" + r, api, sequential, i -> "/healthz");
                sequentialPhase(server, jfr, "seq-get-" + r, api, sequential, i -> "/v2/files/" + ids.get(i % ids.size()));
            }
        }
        BenchContext.deleteTree(data);
    }

    /** One wrk run of {@code seconds} over the paths in {@code list}, as one phase. */
    private static void wrkPhase(ServerProcess server, Path jfr, String name, Path script, Path list, int seconds)
            throws Exception {
        long[] requests = new long[1];
        phaseRequests(server, jfr, name, () -> {
            String out = ApiCallsBench.runWrk(server, script, list, seconds);
            Matcher bad = ApiCallsBench.NON_2XX.matcher(out), rps = ApiCallsBench.RPS.matcher(out);
            if (bad.find() || !rps.find()) {
                throw new IOException("wrk: non-2xx answers or unreadable output:\n" + out);
            }
            requests[0] = Math.round(Double.parseDouble(rps.group(1)) * seconds);
            return Double.parseDouble(rps.group(1));
        }, () -> requests[0]);
    }

    /**
     * {@code n} GETs one after another on one kept-alive connection, timed one by one; prints the
     * latency percentiles and how many took over 1 and 2 ms. The first tenth is a warm-up.
     */
    private static void sequentialPhase(ServerProcess server, Path jfr, String name, Api api, int n,
                                        java.util.function.IntFunction<String> path) throws Exception {
        for (int i = 0; i < n / 10; i++) {
            api.timedGet(path.apply(i));
        }
        double[] millis = new double[n];
        phase(server, jfr, name, n, () -> {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                if (api.timedGet(path.apply(i)).status() != 200) {
                    throw new IOException(name + ": GET " + path.apply(i) + " did not answer 200");
                }
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        });
        Stats s = Stats.of(millis);
        long over1 = java.util.Arrays.stream(millis).filter(m -> m > 1).count();
        long over2 = java.util.Arrays.stream(millis).filter(m -> m > 2).count();
        System.out.printf(Locale.ROOT, "           latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.1f"
                + "   (>1 ms: %d, >2 ms: %d of %d)%n", s.median(), s.percentile(90), s.percentile(99),
                s.percentile(99.9), s.max(), over1, over2, n);
    }

    @FunctionalInterface
    private interface Rate {
        double run() throws Exception;
    }

    private static void phase(ServerProcess server, Path jfr, String name, int ops, Rate rate)
            throws Exception {
        phaseRequests(server, jfr, name, rate, () -> ops);
    }

    private static void phaseRequests(ServerProcess server, Path jfr, String name, Rate rate,
                                      java.util.function.LongSupplier ops) throws Exception {
        if (jfr != null) {
            jcmd(server, "JFR.start", "name=" + name, "settings=" + jfrSettings);
        }
        String load = PageCache.loadAverage();
        long[] cpu = userSystemMillis(server.pid());
        Map<String, Long> threadsBefore = threadGroups(server.pid());
        double perSecond = rate.run();
        long[] after = userSystemMillis(server.pid());
        Map<String, Long> threads = threadGroups(server.pid());
        threads.replaceAll((group, millis) -> millis - threadsBefore.getOrDefault(group, 0L));
        long user = after[0] - cpu[0], system = after[1] - cpu[1];
        if (jfr != null) {
            jcmd(server, "JFR.stop", "name=" + name, "filename=" + jfr.resolve(name + ".jfr"));
        }
        double n = ops.getAsLong();
        System.out.printf(Locale.ROOT, "%-8s %8.0f /s   server CPU %6.3f ms/op (user %.3f, system %.3f)   (load %s)%n",
                name, perSecond, (user + system) / n, user / n, system / n, load);
        if (SHOW_THREADS) {
            threads.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> System.out.printf(Locale.ROOT, "           %-28s %6.3f ms/op%n", e.getKey(), e.getValue() / n));
        }
    }

    /** User and system CPU time of a process in milliseconds (/proc/<pid>/stat, 100 ticks a second). */
    private static long[] userSystemMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]) * 10, Long.parseLong(f[12]) * 10};
    }

    /** CPU milliseconds per thread name with its numbers taken out (all GC workers are one group), threads alive now. */
    private static Map<String, Long> threadGroups(long pid) throws IOException {
        Map<String, Long> groups = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups.merge(comm, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
                } catch (IOException ended) {
                    // A thread that ended meanwhile.
                }
            }
        }
        return groups;
    }

    private static void jcmd(ServerProcess server, String... command) throws IOException {
        Cmd.jcmd(server.pid(), command);
    }
}
