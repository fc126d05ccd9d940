package org.seqvault.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** What every measurement shares: the scale, where things go, the server jar, and the rows so far. */
final class BenchContext {
    final Scale scale;
    final Path serverJar;
    final Path work;
    final Path logs;
    final List<Row> rows = new ArrayList<>();
    /** Findings worth a sentence next to the table (how rows were loaded, what a baseline skips, …). */
    final List<String> notes = new ArrayList<>();
    /** Per measurement: how long it took and the machine's load around it (other work shares the machine). */
    final java.util.Map<String, String> load = new java.util.LinkedHashMap<>();
    /** --explain: print the database's plan of each find query (a diagnostic, not a measurement). */
    boolean explain;
    /** --explain-only: print the find plans and time nothing (implies explain). */
    boolean explainOnly;
    private Path bigFile;
    private Path profileDir;

    BenchContext(Scale scale, Path serverJar, Path work) throws IOException {
        this.scale = scale;
        this.serverJar = serverJar.toAbsolutePath();
        this.work = Files.createDirectories(work.toAbsolutePath());
        this.logs = Files.createDirectories(work.resolve("logs"));
    }

    /** A fresh server with its own data directory under work/. */
    ServerProcess startServer(String name, String heap, List<String> jvmFlags, String... extra) throws IOException {
        Path data = work.resolve("data-" + name);
        Files.createDirectories(data);
        List<String> flags = new ArrayList<>(jvmFlags);
        if (profileDir != null) {
            // --profile: a JFR recording per server, written when it stops (bench/FIXES.md used these).
            flags.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + profileDir.resolve(name + "-" + System.nanoTime() + ".jfr"));
        }
        return ServerProcess.start(serverJar, data, logs, heap, flags, extra);
    }

    /** Records every server started from now on with JFR into {@code dir}. */
    void profileInto(Path dir) throws IOException {
        profileDir = Files.createDirectories(dir.toAbsolutePath());
    }

    Api admin(ServerProcess server) {
        return new Api(server.url, ServerProcess.ADMIN_TOKEN);
    }

    void add(Row row) {
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-58s %-34s %-34s %s%n", row.group() + ": " + row.name(), row.valueText(),
                row.hasBaseline() ? row.baseline() + " " + row.baselineText() : "",
                (row.hasBaseline() ? String.format(Locale.ROOT, "%.2f×  ", row.ratio()) : "")
                        + (row.target().isNone() ? "" : (row.met() ? "MET " : "MISSED ") + row.target().text()));
    }

    void load(String measurement, String text) {
        load.put(measurement, text);
    }

    void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
    }

    /** The large test file (random bytes, so nothing compresses), made once per run. */
    Path bigFile() throws IOException {
        if (bigFile == null) {
            bigFile = randomFile(work.resolve("big.bin"), scale.bigFile());
        }
        return bigFile;
    }

    static Path randomFile(Path file, long size) throws IOException {
        if (Files.exists(file) && Files.size(file) == size) {
            return file;
        }
        SplittableRandom random = new SplittableRandom(6);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        return file;
    }

    /** Deletes a directory tree (a server's data, a baseline's output) to give the disk back. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
