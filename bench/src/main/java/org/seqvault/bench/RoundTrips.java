package org.seqvault.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * A diagnostic, not in the report (bench/FIXES.md §21): what one PostgreSQL round trip costs the
 * thread that waits for it. A find request on PostgreSQL makes four or five round trips where its
 * direct SQL makes two, and adds more time per trip than the trip takes in the harness. Here one
 * connection runs {@code SELECT 1} (prepared, as the server's statements are) ROUNDS times in a
 * row, in turn from a platform thread, from a virtual thread, and from a virtual thread that hands
 * TRIPS round trips at a time to a platform thread and waits for them (as a store could do with a
 * whole read transaction).
 *
 * <pre>
 * $JAVA_HOME/bin/java -cp 'bench/target/classes:bench/target/lib/*' org.seqvault.bench.RoundTrips [ROUNDS] [TRIPS]
 * </pre>
 */
public final class RoundTrips {
    private RoundTrips() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("roundtrips");
        ThreadFactory platform = Thread.ofPlatform().name("db-", 0).factory();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true).start();
             Connection c = pg.getPostgresDatabase().getConnection();
             ExecutorService handOff = Executors.newSingleThreadExecutor(platform)) {
            PreparedStatement one = c.prepareStatement("SELECT 1");
            for (int rep = 1; rep <= 3; rep++) {
                report("platform thread", rep, trips, onThread(Thread.ofPlatform().factory(), () -> timeTrips(one, rounds, 1)));
                report("virtual thread", rep, trips, onThread(Thread.ofVirtual().factory(), () -> timeTrips(one, rounds, 1)));
                report("virtual thread, " + trips + " trips handed to a platform thread", rep, trips,
                        onThread(Thread.ofVirtual().factory(), () -> {
                            List<Double> micros = new ArrayList<>();
                            for (int i = 0; i < rounds / trips; i++) {
                                micros.addAll(handOff.submit(() -> timeTrips(one, 1, trips)).get());
                            }
                            return micros;
                        }));
            }
        }
    }

    private interface Timed {
        List<Double> run() throws Exception;
    }

    /** Runs {@code work} on a new thread of {@code factory} and returns what it timed (µs per round trip, or per handed-off group). */
    private static List<Double> onThread(ThreadFactory factory, Timed work) throws Exception {
        List<List<Double>> out = new ArrayList<>();
        Exception[] failure = new Exception[1];
        Thread t = factory.newThread(() -> {
            try {
                work.run(); // warm-up
                out.add(work.run());
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return out.get(0);
    }

    /** {@code groups} times, {@code trips} round trips in a row; µs per group. */
    private static List<Double> timeTrips(PreparedStatement one, int groups, int trips) throws Exception {
        List<Double> micros = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            long start = System.nanoTime();
            for (int i = 0; i < trips; i++) {
                try (ResultSet rs = one.executeQuery()) {
                    rs.next();
                }
            }
            micros.add((System.nanoTime() - start) / 1e3);
        }
        return micros;
    }

    private static void report(String how, int rep, int trips, List<Double> micros) {
        boolean grouped = how.contains("handed");
        Stats s = Stats.of(grouped ? micros.stream().map(m -> m / trips).toList() : micros);
        double mean = micros.stream().mapToDouble(Double::doubleValue).sum() / micros.size() / (grouped ? trips : 1);
        System.out.printf(Locale.ROOT, "rep %d, %s: per round trip p50 %.1f us, p99 %.1f us, mean %.1f us%n",
                rep, how, s.percentile(50), s.percentile(99), mean);
    }
}
