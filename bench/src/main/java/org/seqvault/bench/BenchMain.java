package org.seqvault.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the measurements of issue #6 against their baselines and writes the report.
 *
 * <pre>
 * BenchMain --server-jar JAR --work DIR --report BENCHMARKS.md [--chart PNG] [--fixes FIXES.md] [--quick]
 *           [--only download,upload,...] [--command TEXT]
 *           [--profile DIR]   (a JFR recording of every server, for finding what to fix)
 *           [--explain]       (print each find query's plan on SQLite and PostgreSQL)
 *           [--explain-only]  (print the plans, time nothing)
 * BenchMain --scale 100k|1m|10m [--scale-sizes 10m,...] [--backends sqlite,postgres] ...
 *                             (the find suite at every size up to the one given, and its growth 1M → 10M)
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Api.configureConnections();
        Map<String, String> opts = options(args);
        // Servers, nginx, S3Proxy, PostgreSQL and curl are all our descendants: stop them, by pid, however we exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy), "stop-children"));
        Scale scale = opts.containsKey("quick") ? Scale.quick()
                : opts.containsKey("scale") ? Scale.full().named("scale-" + opts.get("scale")) : Scale.full();
        BenchContext ctx = new BenchContext(scale, Path.of(opts.get("server-jar")), Path.of(opts.get("work")));
        ctx.explainOnly = opts.containsKey("explain-only");
        ctx.explain = opts.containsKey("explain") || ctx.explainOnly;
        if (opts.containsKey("profile")) {
            ctx.profileInto(Path.of(opts.get("profile")));
        }
        List<String> only = opts.containsKey("only") ? List.of(opts.get("only").split(",")) : List.of();
        Map<String, Measurement> all = new LinkedHashMap<>();
        if (opts.containsKey("scale")) {
            // The find suite alone, at sizes (--scale-sizes picks some of the ladder, e.g. to re-run one).
            List<String> sizes = opts.containsKey("scale-sizes") ? List.of(opts.get("scale-sizes").split(","))
                    : Scale.findSizesUpTo(opts.get("scale"));
            sizes.forEach(Scale::findSize);
            List<String> backends = List.of(opts.getOrDefault("backends", "sqlite,postgres").split(","));
            for (String backend : backends) {
                if (!backend.equals("sqlite") && !backend.equals("postgres")) {
                    throw new IllegalArgumentException("--backends takes sqlite and/or postgres, not " + backend);
                }
            }
            all.put("scale", () -> new ScaleBench(ctx, sizes, backends).run());
            only = List.of("scale");
        }
        all.put("download", () -> new DownloadBench(ctx).run());
        all.put("upload", () -> new UploadBench(ctx).run());
        all.put("find", () -> new FindBench(ctx).run());
        all.put("small", () -> new SmallFilesBench(ctx).run());
        all.put("memory", () -> new MemoryBench(ctx).run());
        all.put("api", () -> new ApiCallsBench(ctx).run());
        all.put("jobs", () -> new JobsBench(ctx).run());
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Measurement> m : all.entrySet()) {
            if (!only.isEmpty() && !only.contains(m.getKey())) {
                continue;
            }
            System.out.println("== " + m.getKey() + " (" + scale.name() + ")");
            String settled = MachineCpu.settle(60);
            String loadBefore = PageCache.loadAverage();
            long start = System.nanoTime();
            try {
                m.getValue().run();
            } catch (Exception e) {
                failed.add(m.getKey() + ": " + e);
                e.printStackTrace();
            }
            double took = BenchContext.seconds(start);
            System.out.printf("   (%s took %.0f s)%n", m.getKey(), took);
            ctx.load(m.getKey(), String.format(java.util.Locale.ROOT, "%.0f s; machine before: %s; load average before %s, after %s",
                    took, settled, loadBefore, PageCache.loadAverage()));
        }
        failed.forEach(f -> ctx.note("FAILED " + f));
        if (opts.containsKey("report")) {
            Path report = Path.of(opts.get("report"));
            Path chart = Path.of(opts.getOrDefault("chart", report.resolveSibling("benchmarks-" + scale.name() + ".png")
                    .toString()));
            Path fixes = opts.containsKey("fixes") ? Path.of(opts.get("fixes")) : null;
            new Report(ctx, opts.getOrDefault("command", "bench/run")).write(report, chart, fixes);
        }
        System.out.println(Report.table(ctx.rows));
        if (!failed.isEmpty()) {
            System.exit(1);
        }
    }

    @FunctionalInterface
    private interface Measurement {
        void run() throws Exception;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("quick") || name.equals("explain") || name.equals("explain-only")) {
                opts.put(name, "true");
            } else {
                opts.put(name, args[++i]);
            }
        }
        return opts;
    }
}
