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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
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
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true).start();
             Connection c = pg.getPostgresDatabase().getConnection();
             ExecutorService handOff = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("db-", 0).factory())) {
            PreparedStatement one = c.prepareStatement("SELECT 1");
            for (int rep = 1; rep <= 3; rep++) {
                report(rep, "platform thread", onThread(Thread.ofPlatform().factory(), () -> timeTrips(one, rounds, 1)));
                report(rep, "virtual thread", onThread(Thread.ofVirtual().factory(), () -> timeTrips(one, rounds, 1)));
                report(rep, "virtual thread, " + trips + " trips handed to a platform thread",
                        onThread(Thread.ofVirtual().factory(), () -> {
                            List<Double> micros = new ArrayList<>();
                            for (int i = 0; i < rounds / trips; i++) {
                                micros.addAll(handOff.submit(() -> timeTrips(one, 1, trips)).get());
                            }
                            return micros;
                        }));
            }
        } finally {
            BenchContext.deleteTree(dir);
        }
    }

    /** Runs {@code work} twice (the first a warm-up) on a new thread of {@code factory}; what the second timed. */
    private static List<Double> onThread(ThreadFactory factory, Callable<List<Double>> work) throws Exception {
        FutureTask<List<Double>> task = new FutureTask<>(() -> {
            work.call();
            return work.call();
        });
        factory.newThread(task).start();
        return task.get();
    }

    /** {@code groups} times, {@code trips} round trips in a row; the µs per round trip of each group. */
    private static List<Double> timeTrips(PreparedStatement one, int groups, int trips) throws Exception {
        List<Double> micros = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            long start = System.nanoTime();
            for (int i = 0; i < trips; i++) {
                try (ResultSet rs = one.executeQuery()) {
                    rs.next();
                }
            }
            micros.add((System.nanoTime() - start) / 1e3 / trips);
        }
        return micros;
    }

    private static void report(int rep, String how, List<Double> micros) {
        Stats s = Stats.of(micros);
        System.out.printf(Locale.ROOT, "rep %d, %s: per round trip p50 %.1f us, p99 %.1f us%n",
                rep, how, s.percentile(50), s.percentile(99));
    }
}
