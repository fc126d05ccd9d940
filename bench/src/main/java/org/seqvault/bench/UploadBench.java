package org.seqvault.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Measurement 2: the big file uploaded durably with MD5 and SHA-256 known at confirm — one
 * presigned PUT, and 4 parts in parallel — vs (a) dd conv=fsync of the same bytes to the same
 * file system and (b) S3Proxy's filesystem backend taking the same PUT. Each run starts after a
 * sync, so earlier dirty pages do not slow it; runs are interleaved, one core's MD5 and SHA-256 rates
 * too, so that the wall (the slower of MD5 and dd) is measured next to what is held against it.
 */
final class UploadBench {
    private static final int PARTS = 4;
    private final BenchContext ctx;

    UploadBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Path file = ctx.bigFile();
        long size = Files.size(file);
        String label = Format.bytes(size);
        Transfers.Uploaded expected = checksums(file);
        List<Path> parts = split(file, PARTS);
        long partSize = Files.size(parts.get(0));
        Path ddDir = Files.createDirectories(ctx.work.resolve("dd"));
        Path s3Dir = ctx.work.resolve("data-s3proxy");
        long singleCpu = 0, parallelCpu = 0;
        List<Double> single = new ArrayList<>(), parallel = new ArrayList<>(), dd = new ArrayList<>(), s3 = new ArrayList<>();
        List<Double> partsPhase = new ArrayList<>(), completePhase = new ArrayList<>();
        List<Double> md5Rates = new ArrayList<>(), shaRates = new ArrayList<>(), walls = new ArrayList<>();
        List<Double> md5Beside = new ArrayList<>();
        List<Double> singleBusy = new ArrayList<>(), parallelBusy = new ArrayList<>();
        double singleMachineCpu = 0, parallelMachineCpu = 0;
        try (ServerProcess server = ctx.startServer("upload", "1g", List.of());
             S3ProxyProcess s3proxy = S3ProxyProcess.start(s3Dir, ctx.work)) {
            Api api = ctx.admin(server);
            Api.Workspace ws = api.createWorkspace("upload");
            for (int i = 0; i < ctx.scale.uploadReps(); i++) {
                // The ceiling of this repetition, measured next to it: one core's MD5 (and SHA-256) now.
                double md5 = HashRates.once("MD5");
                md5Rates.add(md5);
                shaRates.add(HashRates.once("SHA-256"));
                md5Beside.add(HashRates.md5BesideSha256());

                // Timed from the first request to the file listed with both checksums, which the
                // client declared at confirm and the server checked before publishing.
                PageCache.warm(file);
                Cmd.sync();
                long cpu = ProcStatus.cpuMillis(server.pid());
                MachineCpu machine = MachineCpu.now();
                long start = System.nanoTime();
                Transfers.singlePut(api, ws.id(), "single-" + i + ".bin", file, size, expected);
                Transfers.Uploaded listed = Transfers.listed(api, ws.id(), "bench/single-" + i + ".bin");
                single.add(size / BenchContext.seconds(start) / 1e9);
                singleCpu += ProcStatus.cpuMillis(server.pid()) - cpu;
                singleMachineCpu += MachineCpu.now().busySecondsSince(machine);
                singleBusy.add(MachineCpu.now().busyFractionSince(machine));
                require(expected, listed, "single PUT");

                PageCache.warm(parts.toArray(Path[]::new));
                Cmd.sync();
                cpu = ProcStatus.cpuMillis(server.pid());
                machine = MachineCpu.now();
                start = System.nanoTime();
                Transfers.Phases phases = Transfers.multipart(api, ws.rootFolderId(), "parallel-" + i + ".bin", parts,
                        size, partSize);
                listed = Transfers.listed(api, ws.id(), "parallel-" + i + ".bin");
                parallel.add(size / BenchContext.seconds(start) / 1e9);
                partsPhase.add(phases.parts());
                completePhase.add(phases.complete());
                parallelCpu += ProcStatus.cpuMillis(server.pid()) - cpu;
                parallelMachineCpu += MachineCpu.now().busySecondsSince(machine);
                parallelBusy.add(MachineCpu.now().busyFractionSince(machine));
                require(expected, listed, "4-part upload");

                // A new file each time, the earlier ones kept, as SeqVault keeps its uploads: writing into
                // pages just freed by a delete is much cheaper here than finding fresh ones (see notes).
                Path out = ddDir.resolve("out-" + i + ".bin");
                PageCache.warm(file);
                Cmd.sync();
                start = System.nanoTime();
                Cmd.run(List.of("dd", "if=" + file, "of=" + out, "bs=1M", "conv=fsync", "status=none"));
                double ddRate = size / BenchContext.seconds(start) / 1e9;
                dd.add(ddRate);
                walls.add(Math.min(md5, ddRate));

                PageCache.warm(file);
                Cmd.sync();
                start = System.nanoTime();
                Cmd.run(Curl.upload(s3proxy.objectUrl("object-" + i + ".bin"), file));
                s3.add(size / BenchContext.seconds(start) / 1e9);
            }
        } finally {
            BenchContext.deleteTree(ctx.work.resolve("data-upload"));
            BenchContext.deleteTree(s3Dir);
            BenchContext.deleteTree(ddDir);
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        }
        Stats sv1 = Stats.of(single), sv4 = Stats.of(parallel), raw = Stats.of(dd), proxy = Stats.of(s3);
        Stats md5 = Stats.of(md5Rates), sha = Stats.of(shaRates), wall = Stats.of(walls);
        String group = "2 Upload " + label;
        String wallName = "the wall (slower of one core's MD5 and dd, each repetition)";
        ctx.add(row(group, "single PUT vs the wall", sv1, wallName, wall, 0.9));
        ctx.add(row(group, PARTS + "-way multipart vs the wall", sv4, wallName, wall, 0.9));
        ctx.add(row(group, "single PUT vs raw durable write", sv1, "dd conv=fsync", raw, 0.8));
        ctx.add(row(group, PARTS + "-way multipart vs raw durable write", sv4, "dd conv=fsync", raw, 0.9));
        ctx.add(row(group, "single PUT vs S3Proxy", sv1, "S3Proxy filesystem", proxy, 1.5));
        ctx.add(row(group, PARTS + "-way multipart vs S3Proxy", sv4, "S3Proxy filesystem", proxy, 1.5));
        ctx.add(Row.absolute(group, "MD5 on one core (JDK, in-memory, between the uploads)", "GB/s", md5.median(),
                md5.describe("%.2f") + " GB/s", Target.none()));
        ctx.add(Row.absolute(group, "SHA-256 on one core (JDK, in-memory, between the uploads)", "GB/s", sha.median(),
                sha.describe("%.2f") + " GB/s", Target.none()));
        Stats beside = Stats.of(md5Beside);
        ctx.add(Row.absolute(group, "MD5 on one core while SHA-256 runs on the other", "GB/s", beside.median(),
                beside.describe("%.2f") + " GB/s", Target.none()));
        double gb = ctx.scale.uploadReps() * size / 1e9;
        ctx.note(String.format(java.util.Locale.ROOT, "Upload CPU per GB received (SeqVault server, user + system):"
                + " single PUT %.0f ms, %d-way multipart %.0f ms. The whole machine (server, curl, kernel; /proc/stat)"
                + " per GB: single PUT %.0f ms, %d-way multipart %.0f ms, busy %s and %s of its %d cores while"
                + " they ran. At the measured hash rates MD5 and SHA-256 of every byte alone cost %.0f ms per GB"
                + " (plus %.0f ms of MD5 per GB for the parts after the first of the multipart upload: each part's"
                + " ETag is its own MD5).",
                singleCpu / gb, PARTS, parallelCpu / gb, singleMachineCpu * 1000 / gb, PARTS,
                parallelMachineCpu * 1000 / gb, percent(Stats.of(singleBusy)), percent(Stats.of(parallelBusy)),
                Runtime.getRuntime().availableProcessors(), 1000 / md5.median() + 1000 / sha.median(),
                1000 / md5.median() * (size - partSize) / size));
        ctx.note(multipartBound(size, partSize, Stats.of(partsPhase), Stats.of(completePhase), raw, md5));
        ctx.note("Uploads: SeqVault's time runs from upload-url/init to the file listed (v1) with both checksums;"
                + " the single PUT declares MD5 and SHA-256 at confirm, and the server answers the confirm or"
                + " complete only after fsync of the bytes and the directory, with MD5 and SHA-256 of the whole file"
                + " computed over every byte. dd writes the same bytes with conv=fsync to the same file system."
                + " S3Proxy (filesystem backend) computes MD5 only and does not fsync. Every side writes a new file"
                + " per repetition and keeps the earlier ones until the end, as an upload service does. Each"
                + " repetition runs MD5 and SHA-256 in memory, the single PUT, the multipart upload, dd and S3Proxy"
                + " in turn, so every side sees the machine at the same moments; the wall is the slower of that"
                + " repetition's MD5 and dd.");
    }

    private static String percent(Stats fractions) {
        return fractions.count() == 1 ? String.format(java.util.Locale.ROOT, "%.0f%%", fractions.median() * 100)
                : String.format(java.util.Locale.ROOT, "%.0f%% (%.0f–%.0f%%)", fractions.median() * 100,
                fractions.min() * 100, fractions.max() * 100);
    }

    /**
     * Where the multi-part upload's time goes, and the best this shape allows here: the whole
     * file's MD5 is one serial stream, and with equal parts sent together it can take in part 2 only
     * once part 1 is fully in, which is when all parts are; so after the parts' own time comes at
     * least the MD5 of everything after part 1, at one core's MD5 rate.
     */
    private static String multipartBound(long size, long partSize, Stats parts, Stats complete, Stats dd, Stats md5) {
        double afterPartOne = (size - partSize) / (md5.median() * 1e9);
        double best = size / (parts.median() + afterPartOne) / 1e9;
        return String.format(java.util.Locale.ROOT, "%d-way multipart, where the time goes: the parts took %s s"
                        + " (init to the last part's answer), completing took %s s. The whole file's MD5 is one serial"
                        + " stream, and it can take in part 2 only once part 1 is fully in, which with equal parts sent"
                        + " together is when all of them are: completing needs at least the MD5 of the %s after part 1"
                        + " at one core's rate (%.2f GB/s above), %.2f s. With the parts' median time that allows at"
                        + " best %.3f GB/s, %.2f× dd's median here.",
                PARTS, parts.describe("%.2f"), complete.describe("%.2f"), Format.bytes(size - partSize),
                md5.median(), afterPartOne, best, best / dd.median());
    }

    private static Row row(String group, String name, Stats sv, String baseline, Stats base, double target) {
        return new Row(group, name, "GB/s", sv.median(), sv.describe("%.3f") + " GB/s", baseline, base.median(),
                base.describe("%.3f") + " GB/s", Target.ratioAtLeast(target));
    }

    private static void require(Transfers.Uploaded expected, Transfers.Uploaded got, String what) throws IOException {
        if (!expected.equals(got)) {
            throw new IOException(what + ": server reported " + got + ", the file has " + expected);
        }
    }

    /** Splits a file into {@code n} consecutive part files next to it (input preparation, not timed). */
    private static List<Path> split(Path file, int n) throws IOException {
        long size = Files.size(file);
        long partSize = (size + n - 1) / n;
        List<Path> parts = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < n; i++) {
                Path part = file.resolveSibling(file.getFileName() + ".part" + (i + 1));
                try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    long from = i * partSize, len = Math.min(partSize, size - from);
                    for (long done = 0; done < len; ) {
                        done += in.transferTo(from + done, len - done, out);
                    }
                }
                parts.add(part);
            }
        }
        return parts;
    }

    private static Transfers.Uploaded checksums(Path file) throws IOException {
        MessageDigest md5 = digest("MD5"), sha256 = digest("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
                sha256.update(buf, 0, n);
            }
        }
        return new Transfers.Uploaded(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
