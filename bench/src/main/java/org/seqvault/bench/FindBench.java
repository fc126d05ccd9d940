package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement 3: a project of many files (10 metadata keys and 3 tags each, in folders) on SQLite
 * and on PostgreSQL. The rows are bulk-loaded into SeqVault's tables ({@link BulkLoader}, timed),
 * then each kind of find request is asked over HTTP and, as the floor, as the same SQL over JDBC:
 * p50 and p99 of each, over the same random parameters.
 */
final class FindBench {
    private static final int SCROLL_FOLDERS = 20;
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([^&]+)");

    private final BenchContext ctx;
    private final FindData data;

    /** A diagnostic: print each kind's 12 slowest requests with the wall-clock time they ended. */
    private static final boolean SHOW_SLOWEST = Boolean.getBoolean("find.slowest");

    /** One run of one kind: SeqVault over HTTP, the direct SQL, and the server's CPU time meanwhile. */
    record Run(Stats http, Stats sql, long serverCpuMillis) {
    }

    /** One kind's latencies at one size, run by run. */
    record Latencies(List<Run> runs) {
        /** Each run's p99 over HTTP: its median is the kind's figure, its min–max the spread. */
        Stats httpP99s() {
            return perRun(r -> r.http().percentile(99));
        }

        Stats sqlP99s() {
            return perRun(r -> r.sql().percentile(99));
        }

        Stats httpP50s() {
            return perRun(r -> r.http().median());
        }

        Stats sqlP50s() {
            return perRun(r -> r.sql().median());
        }

        private Stats perRun(java.util.function.ToDoubleFunction<Run> figure) {
            return Stats.of(runs.stream().mapToDouble(figure).toArray());
        }

        int requests() {
            return runs.stream().mapToInt(r -> r.http().count()).sum();
        }

        double serverCpuPerRequest() {
            return (double) runs.stream().mapToLong(Run::serverCpuMillis).sum() / requests();
        }
    }

    FindBench(BenchContext ctx) {
        this(ctx, new FindData(ctx.scale.findFiles(), ctx.scale.findFolders()));
    }

    FindBench(BenchContext ctx, FindData data) {
        this.ctx = ctx;
        this.data = data;
    }

    void run() throws Exception {
        onSqlite();
        onPostgres();
    }

    /** Loads and measures on a fresh SQLite file (removed after); the latencies per kind, in order. */
    Map<String, Latencies> onSqlite() throws Exception {
        try (FindBackend sqlite = new FindBackend.Sqlite(ctx.work.resolve("data-find-sqlite"))) {
            return measure(sqlite, "find-sqlite");
        } finally {
            BenchContext.deleteTree(ctx.work.resolve("data-find-sqlite"));
        }
    }

    /** Loads and measures on a fresh PostgreSQL cluster (removed after); the latencies per kind, in order. */
    Map<String, Latencies> onPostgres() throws Exception {
        try (FindBackend pg = new FindBackend.Postgres(ctx.work.resolve("pg"), data.files())) {
            return measure(pg, "find-postgres");
        } finally {
            BenchContext.deleteTree(ctx.work.resolve("pg"));
            BenchContext.deleteTree(ctx.work.resolve("data-find-postgres"));
        }
    }

    /** "3 Find, SQLite, 1,000,000 files": the rows of one backend at one size. */
    static String group(String backend, int files) {
        return "3 Find, " + backend + ", " + Format.count(files) + " files";
    }

    private Map<String, Latencies> measure(FindBackend db, String name) throws Exception {
        String group = group(db.name(), data.files());
        Map<String, Latencies> results = new LinkedHashMap<>();
        BulkLoader.Target target;
        Api.Workspace ws;
        try (ServerProcess server = ctx.startServer(name, "1g", List.of(), db.serverArgs().toArray(String[]::new))) {
            Api api = ctx.admin(server);
            ws = api.createWorkspace("find");
            JsonNode seed = api.formUpload(ws.id(), "seed/", "seed.txt", "seed\n".getBytes(StandardCharsets.UTF_8));
            target = new BulkLoader.Target(ws.id(), ws.rootFolderId(), blobOf(db, seed.path("file_id").asText()),
                    seed.path("size").asLong(), seed.path("md5").asText(), seed.path("sha256").asText());
        }
        long start = System.nanoTime();
        List<String> loaded;
        BulkLoader loader = new BulkLoader(data, target);
        if (db.postgres()) {
            loader.loadPostgres(db::connect);
        } else {
            try (Connection c = db.connect()) {
                loader.loadSqlite(c);
            }
        }
        loaded = loader.droppedIndexes();
        if (db instanceof FindBackend.Sqlite sqlite) {
            BulkLoader.syncDatabase(sqlite.dataDir().resolve("seqvault.db"));
        }
        double loadSeconds = BenchContext.seconds(start);
        int rows = data.files() * 14 + data.folders();
        String phases = loader.phases().isEmpty() ? "" : " (" + loader.phases() + ")";
        ctx.add(Row.absolute(group, "bulk load (" + Format.count(rows) + " rows)", "s", loadSeconds,
                String.format("%.1f s", loadSeconds) + phases,
                Target.atMost(loadBudgetSeconds(data.files()), "s")));

        try (ServerProcess server = ctx.startServer(name, "1g", List.of(), db.serverArgs().toArray(String[]::new));
             Connection c = db.connect()) {
            Api api = ctx.admin(server);
            SqlRunner sql = new SqlRunner(c, db.postgres());
            Map<String, List<FindQuery>> kinds = queries(api, ws);
            if (ctx.explain) {
                // All plans first, before anything is timed: --explain-only stops after them.
                for (Map.Entry<String, List<FindQuery>> kind : kinds.entrySet()) {
                    System.out.println("-- " + db.name() + ", " + Format.count(data.files()) + " files: " + kind.getKey()
                            + "\n" + sql.explain(kind.getValue().get(0)));
                }
            }
            if (ctx.explainOnly) {
                return results;
            }
            warmUp(api, kinds);
            healthz(api, group);
            // The kinds take turns run by run, so each kind's runs fall in different minutes of the machine.
            int runs = ctx.scale.findRuns(), n = ctx.scale.findSamples();
            Map<String, List<Run>> byKind = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Map.Entry<String, List<FindQuery>> kind : kinds.entrySet()) {
                    List<FindQuery> sample = kind.getValue().subList(run * n, (run + 1) * n);
                    byKind.computeIfAbsent(kind.getKey(), k -> new ArrayList<>())
                            .add(timeRun(api, sql, server, kind.getKey(), sample));
                }
            }
            byKind.forEach((kind, kindRuns) -> {
                Latencies l = new Latencies(kindRuns);
                results.put(kind, l);
                ctx.add(row(group, kind, l));
            });
        }
        ctx.note("Find (" + db.name() + "): " + Format.count(data.files()) + " files in " + data.folders()
                + " folders of one project, loaded straight into SeqVault's tables on " + BulkLoader.THREADS + " threads ("
                + (db.postgres()
                ? "COPY from " + BulkLoader.THREADS + " connections at once in batches of 10,000 files, with synchronous_commit"
                + " off and triggers off for the loading sessions (foreign keys, and V14's, whose folder column of metadata"
                + " and tag rows the loader writes itself), tables logged throughout; then VACUUM (ANALYZE) of the three"
                + " tables and CHECKPOINT"
                : "one thread makes the rows while the other INSERTs them, a few hundred rows per statement, 10,000 files per"
                + " transaction, with journal and syncs off during the load, WAL mode restored and the file fsync'd after;"
                + " metadata and tag rows written with their folder, V14's triggers dropped during the load and made again after")
                + "; the secondary indexes " + String.join(", ", loaded)
                + " dropped before and rebuilt from their own definitions after, inside the timed load). Each query kind: "
                + ctx.scale.findRuns() + " runs of " + ctx.scale.findSamples() + " requests each (or as many as fit in "
                + ctx.scale.findBudgetSeconds() + " s), the kinds taking turns run by run, one request after another"
                + " (HttpURLConnection, one kept-alive connection) with random folders and values, SeqVault and the direct SQL"
                + " taking turns to go first, each run after "
                + ctx.scale.findWarmup() + " warm-ups (and, before the first run, "
                + ctx.scale.findServerWarmupSeconds() + " s of every kind in turn); direct SQL runs the statements SeqVault"
                + " runs for the same request over one JDBC connection: the page (with metadata or tag filters it counts"
                + " every match too, as a window), a separate total where SeqVault runs one (when a page without such"
                + " filters comes back full, and on every later scroll page), then the metadata and tags of the page (one statement) and the"
                + " files' header-reading statuses (one statement; the v2 API shows them on files of a format SeqVault reads, as FASTQ)."
                + " A kind's p99 is the median of its runs' p99s (their min–max in brackets), the direct SQL's likewise;"
                + " the target is met on those medians, and \"met in k of N\" counts the runs that meet it on their own.");
        return results;
    }

    /**
     * One run of one kind: its warm-ups, then its sample (or as much as fits in the budget), each
     * request over HTTP and as direct SQL.
     */
    private Run timeRun(Api api, SqlRunner sql, ServerProcess server, String kind, List<FindQuery> qs) throws Exception {
        for (int i = 0; i < ctx.scale.findWarmup(); i++) {
            http(api, qs.get(i % qs.size()));
            sql.run(qs.get(i % qs.size()));
        }
        List<Double> httpMs = new ArrayList<>(), sqlMs = new ArrayList<>();
        List<long[]> slow = new ArrayList<>(); // -Dfind.slowest=true: when the slowest requests ended
        // The server's own CPU per request (the direct SQL runs in this process or in PostgreSQL's):
        // steadier than latency on a machine shared with other work.
        long cpuBefore = ProcStatus.cpuMillis(server.pid());
        long deadline = System.nanoTime() + ctx.scale.findBudgetSeconds() * 1_000_000_000L;
        for (int i = 0; i < qs.size(); i++) {
            if (System.nanoTime() > deadline) {
                break;
            }
            FindQuery q = qs.get(i);
            // SeqVault and the direct SQL take turns going first: whichever goes second finds the pages
            // the first one read in the OS's page cache, which favours it once the database outgrows memory.
            boolean sqlFirst = i % 2 == 1;
            if (sqlFirst) {
                sqlMs.add(timeSql(sql, q));
            }
            long t = System.nanoTime();
            http(api, q);
            long elapsed = System.nanoTime() - t;
            httpMs.add(elapsed / 1e6);
            if (SHOW_SLOWEST) {
                slow.add(new long[] {elapsed, System.currentTimeMillis()});
            }
            if (!sqlFirst) {
                sqlMs.add(timeSql(sql, q));
            }
        }
        long cpu = ProcStatus.cpuMillis(server.pid()) - cpuBefore;
        if (SHOW_SLOWEST) {
            slow.sort((a, b) -> Long.compare(b[0], a[0]));
            System.out.println("slowest " + kind + ": " + slow.stream().limit(12)
                    .map(x -> String.format("%.1fms@%tT.%<tL", x[0] / 1e6, x[1])).toList());
        }
        return new Run(Stats.of(httpMs), Stats.of(sqlMs), cpu);
    }

    private static double timeSql(SqlRunner sql, FindQuery q) throws Exception {
        long t = System.nanoTime();
        sql.run(q);
        return (System.nanoTime() - t) / 1e6;
    }

    /**
     * A kind's row: the median of its runs' p99s against the median of the direct SQL's, with
     * each one's spread, and in how many runs alone the target held.
     */
    private static Row row(String group, String kind, Latencies l) {
        Target target = Target.findLatency(20, 2, 1);
        int metRuns = 0;
        for (Run r : l.runs()) {
            metRuns += new Row(group, kind, "ms", r.http().percentile(99), "", "direct SQL", r.sql().percentile(99), "",
                    target).met() ? 1 : 0;
        }
        int runs = l.runs().size();
        return new Row(group, kind + " (p99)", "ms", l.httpP99s().median(),
                String.format(Locale.ROOT, "p99 %s, p50 %.1f ms (%d %s, %,d requests), server CPU %.2f ms/request; met in %d of %d",
                        msWithSpread(l.httpP99s()), l.httpP50s().median(), runs, runs == 1 ? "run" : "runs", l.requests(),
                        l.serverCpuPerRequest(), metRuns, runs),
                "direct SQL", l.sqlP99s().median(),
                String.format(Locale.ROOT, "p99 %s, p50 %.1f ms", msWithSpread(l.sqlP99s()), l.sqlP50s().median()), target);
    }

    /** "5.5 ms (4.9–6.1)": the median of the runs and, with more than one, their min–max. */
    static String msWithSpread(Stats perRun) {
        String median = String.format(Locale.ROOT, "%.1f ms", perRun.median());
        return perRun.count() == 1 ? median
                : median + String.format(Locale.ROOT, " (%.1f–%.1f)", perRun.min(), perRun.max());
    }

    /** The bound on a bulk load: 60 s for 1,000,000 files (and for fewer), 10 minutes for 10,000,000. */
    static double loadBudgetSeconds(int files) {
        return Math.max(60, 60.0 * files / 1_000_000);
    }

    /**
     * Every kind of request in turn for a while before anything is measured: a fresh server compiles
     * its hot code during its first thousands of requests, which a server in use has long done.
     */
    private void warmUp(Api api, Map<String, List<FindQuery>> kinds) throws IOException {
        int seconds = Integer.getInteger("find.warmupSeconds", ctx.scale.findServerWarmupSeconds()); // a diagnostic
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            for (List<FindQuery> qs : kinds.values()) {
                http(api, qs.get(i % qs.size()));
            }
        }
    }

    /** GET /healthz, which touches no database: what HTTP alone costs per request here, for scale. */
    private void healthz(Api api, String group) throws IOException {
        FindQuery ping = new FindQuery("healthz", "/healthz", List.of());
        for (int i = 0; i < ctx.scale.findWarmup(); i++) {
            http(api, ping);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < ctx.scale.findSamples(); i++) {
            long t = System.nanoTime();
            http(api, ping);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Stats h = Stats.of(ms);
        ctx.add(Row.absolute(group, "GET /healthz, no database (for scale)", "ms", h.percentile(99),
                String.format("p99 %.1f ms, p50 %.1f ms", h.percentile(99), h.median()), Target.none()));
    }

    /** The blob a file points to, read from the database: the API does not show blob ids. */
    private static String blobOf(FindBackend db, String fileId) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT blob_id FROM nodes WHERE id = ?")) {
            ps.setString(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("no node " + fileId);
                }
                return rs.getString(1);
            }
        }
    }

    /** Every kind of request, each with its sample of parameters. */
    private Map<String, List<FindQuery>> queries(Api api, Api.Workspace ws) throws IOException {
        Random random = new Random(42);
        int n = ctx.scale.findSamples() * ctx.scale.findRuns();
        int perFolder = data.filesPerFolder();
        Map<String, List<FindQuery>> kinds = new LinkedHashMap<>();
        kinds.put("one metadata key (sample_id)", sample(n, i -> {
            int file = randomFile(random);
            String folder = FindData.folderId(data.folderOf(file));
            return new FindQuery("meta1", "/v2/files?parent=" + folder + "&metadata.sample_id=" + FindData.sampleId(file),
                    FindQuery.filteredListing(folder, metadataCondition(1), List.of(folder, "sample_id",
                            FindData.sampleId(file)), 50, 0));
        }));
        kinds.put("two metadata keys (strategy, platform)", sample(n, i -> {
            int file = randomFile(random);
            String folder = FindData.folderId(data.folderOf(file));
            return new FindQuery("meta2", "/v2/files?parent=" + folder + "&metadata.experimental_strategy="
                    + Api.q(FindData.strategy(file)) + "&metadata.platform=" + FindData.platform(file),
                    FindQuery.filteredListing(folder, metadataCondition(2), List.of(folder, "experimental_strategy",
                            FindData.strategy(file), folder, "platform", FindData.platform(file)), 50, 0));
        }));
        kinds.put("a tag (qc-fail)", sample(n, i -> {
            String folder = FindData.folderId(random.nextInt(data.folders()));
            return new FindQuery("tag", "/v2/files?parent=" + folder + "&tag=qc-fail", FindQuery.filteredListing(folder,
                    " AND EXISTS (SELECT 1 FROM node_tags t WHERE t.parent_id = ? AND t.node_id = n.id AND t.tag IN (?))",
                    List.of(folder, "qc-fail"), 50, 0));
        }));
        kinds.put("a list of 3 names", sample(n, i -> {
            int file = randomFile(random);
            int folderStart = data.folderOf(file) * perFolder;
            String folder = FindData.folderId(data.folderOf(file));
            List<Object> names = new ArrayList<>();
            StringBuilder path = new StringBuilder("/v2/files?parent=" + folder);
            for (int k = 0; k < 3; k++) {
                String name = FindData.fileName(folderStart + random.nextInt(perFolder));
                names.add(name);
                path.append("&name=").append(name);
            }
            return new FindQuery("names", path.toString(), FindQuery.listing(folder, " AND n.name IN (?, ?, ?)", names, 50, 0));
        }));
        kinds.put("folder listing (first page of " + perFolder + ")", sample(n, i -> {
            String folder = FindData.folderId(random.nextInt(data.folders()));
            return new FindQuery("folder", "/v2/files?parent=" + folder, FindQuery.listing(folder, "", List.of(), 50, 0));
        }));
        List<FindQuery> deep = deepScrollPages(api, random);
        kinds.put("deep scroll page (at 90%)", sample(n, i -> deep.get(i % deep.size())));
        kinds.put("v1 prefix listing (one folder)", sample(n, i -> {
            String prefix = FindData.folderName(random.nextInt(data.folders())) + "/";
            return new FindQuery("prefix", "/v1/files?workspace_id=" + ws.id() + "&prefix=" + Api.q(prefix),
                    FindQuery.prefix(ws.id(), prefix, 100));
        }));
        return kinds;
    }

    /**
     * Scroll tokens 90% of the way into some folders, found by walking their scroll once (not
     * timed); the SQL floor continues after the same (name, id).
     */
    private List<FindQuery> deepScrollPages(Api api, Random random) throws IOException {
        int perFolder = data.filesPerFolder();
        int page = 100;
        int target = perFolder * 9 / 10 / page * page;
        List<FindQuery> pages = new ArrayList<>();
        for (int k = 0; k < SCROLL_FOLDERS; k++) {
            int f = random.nextInt(data.folders());
            String folder = FindData.folderId(f);
            String token = "init";
            for (int seen = 0; seen < target; seen += page) {
                JsonNode body = api.get("/v2/files/scroll?parent=" + folder + "&limit=" + page + "&token=" + token);
                token = nextToken(body);
            }
            int last = f * perFolder + target - 1;
            pages.add(new FindQuery("scroll", "/v2/files/scroll?parent=" + folder + "&token=" + token,
                    FindQuery.scroll(folder, FindData.fileName(last), FindData.fileId(last), 50)));
        }
        return pages;
    }

    private static String nextToken(JsonNode page) throws IOException {
        for (JsonNode link : page.path("links")) {
            if ("next".equals(link.path("rel").asText())) {
                Matcher m = TOKEN.matcher(link.path("href").asText());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new IOException("scroll page without a next link: " + page);
    }

    /** One EXISTS probe per metadata key, as NodeFilter writes them: within the folder, then the file, key and value. */
    private static String metadataCondition(int keys) {
        return (" AND EXISTS (SELECT 1 FROM node_metadata md WHERE md.parent_id = ? AND md.node_id = n.id AND md.meta_key = ?"
                + " AND md.meta_value IN (?))").repeat(keys);
    }

    private int randomFile(Random random) {
        return random.nextInt(data.files());
    }

    private static List<FindQuery> sample(int n, IntFunction<FindQuery> make) {
        List<FindQuery> qs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            qs.add(make.apply(i));
        }
        return qs;
    }

    private static void http(Api api, FindQuery q) throws IOException {
        Api.Answer res = api.timedGet(q.httpPath());
        if (res.status() != 200) {
            throw new IOException("GET " + q.httpPath() + " answered " + res.status() + ": "
                    + new String(res.body(), StandardCharsets.UTF_8));
        }
    }
}
