package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurement 1: the big file through a presigned URL vs nginx (sendfile on) serving the same
 * bytes, one stream and 8 parallel ranged streams. Both are read by curl into /dev/null, the
 * runs interleaved so drift hits both sides alike.
 */
final class DownloadBench {
    private final BenchContext ctx;

    DownloadBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Path file = ctx.bigFile();
        long size = Files.size(file);
        String label = Format.bytes(size);
        try (ServerProcess server = ctx.startServer("download", "1g", List.of());
             Nginx nginx = Nginx.serve(file.getParent(), ctx.work)) {
            Api api = ctx.admin(server);
            Api.Workspace ws = api.createWorkspace("download");
            Transfers.singlePut(api, ws.id(), "big.bin", file, size);
            String seqvault = Transfers.downloadUrl(api, ws.id(), "bench/big.bin");
            String baseline = nginx.url(file.getFileName().toString());
            Cmd.sync();

            List<Double> sv = new ArrayList<>(), ng = new ArrayList<>(), sv8 = new ArrayList<>(), ng8 = new ArrayList<>();
            // One warm-up each: page cache, JIT, connection setup paths.
            timeOne(seqvault, size);
            timeOne(baseline, size);
            Path blobs = ctx.work.resolve("data-download");
            long svCpu = 0, ngCpu = 0, sv8Cpu = 0, ng8Cpu = 0;
            double sv8Machine = 0, ng8Machine = 0;
            for (int i = 0; i < ctx.scale.transferReps(); i++) {
                PageCache.warm(blobs);
                long cpu = ProcStatus.cpuMillis(server.pid());
                sv.add(size / timeOne(seqvault, size) / 1e9);
                svCpu += ProcStatus.cpuMillis(server.pid()) - cpu;
                PageCache.warm(file);
                cpu = ProcStatus.cpuMillisTree(nginx.pid());
                ng.add(size / timeOne(baseline, size) / 1e9);
                ngCpu += ProcStatus.cpuMillisTree(nginx.pid()) - cpu;
                PageCache.warm(blobs);
                cpu = ProcStatus.cpuMillis(server.pid());
                MachineCpu machine = MachineCpu.now();
                sv8.add(size / timeRanged(seqvault, size, 8) / 1e9);
                sv8Machine += MachineCpu.now().busySecondsSince(machine);
                sv8Cpu += ProcStatus.cpuMillis(server.pid()) - cpu;
                PageCache.warm(file);
                cpu = ProcStatus.cpuMillisTree(nginx.pid());
                machine = MachineCpu.now();
                ng8.add(size / timeRanged(baseline, size, 8) / 1e9);
                ng8Machine += MachineCpu.now().busySecondsSince(machine);
                ng8Cpu += ProcStatus.cpuMillisTree(nginx.pid()) - cpu;
            }
            add("one stream", sv, ng, label);
            add("8 ranged streams", sv8, ng8, label);
            double gb = ctx.scale.transferReps() * size / 1e9;
            ctx.note(String.format(java.util.Locale.ROOT, "Download CPU per GB served, one stream: SeqVault server %.0f ms,"
                    + " nginx (master and workers) %.0f ms. Eight ranged streams: SeqVault server %.0f ms, nginx %.0f ms;"
                    + " the whole machine (server, the 8 curl clients, kernel) %.0f ms with SeqVault, %.0f ms with nginx.",
                    svCpu / gb, ngCpu / gb, sv8Cpu / gb, ng8Cpu / gb, sv8Machine * 1000 / gb, ng8Machine * 1000 / gb));
        } finally {
            BenchContext.deleteTree(ctx.work.resolve("data-download"));
        }
    }

    private void add(String name, List<Double> seqvault, List<Double> nginx, String label) {
        Stats s = Stats.of(seqvault), n = Stats.of(nginx);
        ctx.add(new Row("1 Download " + label, name, "GB/s", s.median(), s.describe("%.2f") + " GB/s", "nginx sendfile",
                n.median(), n.describe("%.2f") + " GB/s", Target.ratioAtLeast(0.95)));
    }

    /** Seconds for one GET of the whole file. */
    private static double timeOne(String url, long size) throws IOException {
        long start = System.nanoTime();
        String out = Cmd.run(Curl.download(url, null));
        double s = BenchContext.seconds(start);
        check(out, "200", size);
        return s;
    }

    /** Seconds until {@code streams} concurrent GETs of consecutive ranges have all finished. */
    private static double timeRanged(String url, long size, int streams) throws IOException {
        long chunk = (size + streams - 1) / streams;
        List<List<String>> commands = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        for (long from = 0; from < size; from += chunk) {
            long to = Math.min(size, from + chunk) - 1;
            commands.add(Curl.download(url, from + "-" + to));
            lengths.add(to - from + 1);
        }
        long start = System.nanoTime();
        List<String> outs = Curl.parallel(commands);
        double s = BenchContext.seconds(start);
        for (int i = 0; i < outs.size(); i++) {
            check(outs.get(i), "206", lengths.get(i));
        }
        return s;
    }

    private static void check(String curlOut, String status, long bytes) throws IOException {
        String[] f = curlOut.trim().split(" ");
        if (!f[0].equals(status) || Long.parseLong(f[1]) != bytes) {
            throw new IOException("expected " + status + " with " + bytes + " bytes, curl saw: " + curlOut);
        }
    }
}
