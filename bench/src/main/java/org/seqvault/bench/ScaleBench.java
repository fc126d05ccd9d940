package org.seqvault.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run --scale SIZE}: the find suite (measurement 3) at each size of the ladder up to
 * SIZE (PostgreSQL at 100k, 1M and 10M files; SQLite at 1M and 10M), each size on a freshly loaded
 * database, then per backend and kind the growth of SeqVault's p99 from 1M to 10M files against
 * the bound (at most 1.5×).
 */
final class ScaleBench {
    static final double GROWTH_BOUND = 1.5;
    private static final String FROM = "1m";
    private static final String TO = "10m";

    private final BenchContext ctx;
    private final List<String> sizes;
    private final List<String> backends;

    ScaleBench(BenchContext ctx, List<String> sizes, List<String> backends) {
        this.ctx = ctx;
        this.sizes = sizes;
        this.backends = backends;
    }

    void run() throws Exception {
        Map<String, Map<String, Map<String, FindBench.Latencies>>> byBackend = new LinkedHashMap<>();
        for (String size : sizes) {
            FindBench bench = new FindBench(ctx, Scale.findSize(size));
            // SQLite is the single-machine setup: the issue asks for it from 1M files up.
            if (backends.contains("sqlite") && !size.equals("100k")) {
                byBackend.computeIfAbsent("SQLite", k -> new LinkedHashMap<>())
                        .put(size, timed("SQLite, " + size, bench::onSqlite));
            }
            if (backends.contains("postgres")) {
                byBackend.computeIfAbsent("PostgreSQL", k -> new LinkedHashMap<>())
                        .put(size, timed("PostgreSQL, " + size, bench::onPostgres));
            }
        }
        if (ctx.explainOnly) {
            return;
        }
        byBackend.forEach((backend, bySize) -> {
            if (bySize.containsKey(FROM) && bySize.containsKey(TO)) {
                growthRows(backend, bySize.get(FROM), bySize.get(TO));
            }
        });
    }

    private interface Measured {
        Map<String, FindBench.Latencies> run() throws Exception;
    }

    /** Runs one size on one backend and records its duration and the load average around it. */
    private Map<String, FindBench.Latencies> timed(String what, Measured m) throws Exception {
        System.out.println("== find at scale: " + what);
        String before = PageCache.loadAverage();
        long start = System.nanoTime();
        Map<String, FindBench.Latencies> results = m.run();
        ctx.load("find " + what, String.format(Locale.ROOT, "%.0f s; load average before %s, after %s",
                BenchContext.seconds(start), before, PageCache.loadAverage()));
        return results;
    }

    /** One row per kind: p99 at 10M against p99 at 1M (each the median of its runs), the ratio being the growth. */
    private void growthRows(String backend, Map<String, FindBench.Latencies> small, Map<String, FindBench.Latencies> large) {
        int from = Scale.findSize(FROM).files(), to = Scale.findSize(TO).files();
        String group = "3 Find growth, " + backend + ", " + Format.count(from) + " → " + Format.count(to) + " files";
        large.forEach((kind, at10) -> {
            FindBench.Latencies at1 = small.get(kind);
            if (at1 == null) {
                return;
            }
            ctx.add(new Row(group, kind + " (p99)", "ms", at10.httpP99s().median(),
                    String.format(Locale.ROOT, "p99 %s, p50 %.1f ms at %s files; direct SQL p99 %s (%.2f× its p99 at %s)",
                            FindBench.msWithSpread(at10.httpP99s()), at10.httpP50s().median(), Format.count(to),
                            FindBench.msWithSpread(at10.sqlP99s()), at10.sqlP99s().median() / at1.sqlP99s().median(),
                            Format.count(from)),
                    "at " + Format.count(from) + " files", at1.httpP99s().median(),
                    String.format(Locale.ROOT, "p99 %s, p50 %.1f ms; direct SQL p99 %s", FindBench.msWithSpread(at1.httpP99s()),
                            at1.httpP50s().median(), FindBench.msWithSpread(at1.sqlP99s())),
                    Target.growthAtMost(GROWTH_BOUND)));
        });
    }
}
