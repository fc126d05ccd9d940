package org.seqvault.server.api;

import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a CSI index (min_shift 14, depth 5) of a BCF or BAM file, for tests: htsjdk reads CSI but does
 * not write it. Every bin's chunks are exact; every bin's {@code loffset} is 0, which tells a reader
 * nothing (it may only make a reader read more, never miss a record).
 */
final class TestCsi {
    private static final int MIN_SHIFT = 14;
    private static final int DEPTH = 5;

    private TestCsi() {
    }

    static void write(Path bcf, Path csi) throws IOException {
        write(bcf, csi, false);
    }

    /** A CSI of a BCF file, or ({@code bam}) of a BAM file; a BAM's unplaced reads get no bin. */
    static void write(Path data, Path csi, boolean bam) throws IOException {
        // ref -> bin -> chunks (virtual offsets)
        TreeMap<Integer, TreeMap<Integer, List<long[]>>> bins = new TreeMap<>();
        int refs = 0;
        try (InputStream file = Files.newInputStream(data);
             BlockCompressedInputStream in = new BlockCompressedInputStream(file)) {
            if (bam) {
                in.skipNBytes(4);
                in.skipNBytes(Integer.toUnsignedLong(le(in.readNBytes(4)).getInt()));
                refs = le(in.readNBytes(4)).getInt();
                for (int i = 0; i < refs; i++) {
                    in.skipNBytes(le(in.readNBytes(4)).getInt() + 4L);
                }
            } else {
                in.skipNBytes(5);
                in.skipNBytes(Integer.toUnsignedLong(le(in.readNBytes(4)).getInt()));
            }
            while (true) {
                long start = in.getFilePointer();
                byte[] lengths = in.readNBytes(bam ? 4 : 8);
                if (lengths.length < (bam ? 4 : 8)) {
                    break;
                }
                ByteBuffer l = le(lengths);
                ByteBuffer b = le(in.readNBytes(bam ? l.getInt(0) : l.getInt(0) + l.getInt(4)));
                int ref = b.getInt(0);
                int pos = b.getInt(4);
                int span = bam ? bamSpan(b) : b.getInt(8);
                long end = in.getFilePointer();
                if (ref < 0) {
                    continue;
                }
                List<long[]> chunks = bins.computeIfAbsent(ref, k -> new TreeMap<>())
                        .computeIfAbsent(reg2bin(pos, pos + Math.max(1, span)), k -> new ArrayList<>());
                if (!chunks.isEmpty() && chunks.getLast()[1] == start) {
                    chunks.getLast()[1] = end;
                } else {
                    chunks.add(new long[] {start, end});
                }
            }
        }
        refs = Math.max(refs, bins.isEmpty() ? 0 : bins.lastKey() + 1);
        writeIndex(csi, bins, refs, new byte[0]);
    }

    /**
     * A CSI of a bgzipped VCF: references numbered in the order they appear, their names in the
     * auxiliary data as tabix lays them out (format VCF, columns 1 and 2, meta '#').
     */
    static void writeVcf(Path vcfGz, Path csi) throws IOException {
        TreeMap<Integer, TreeMap<Integer, List<long[]>>> bins = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (InputStream file = Files.newInputStream(vcfGz);
             BlockCompressedInputStream in = new BlockCompressedInputStream(file)) {
            while (true) {
                long start = in.getFilePointer();
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    line.write(c);
                }
                if (line.size() == 0 && c < 0) {
                    break;
                }
                String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
                if (text.startsWith("#")) {
                    continue;
                }
                String[] cols = text.split("\t", 9);
                if (!names.contains(cols[0])) {
                    names.add(cols[0]);
                }
                int pos = Integer.parseInt(cols[1]) - 1;
                int endExclusive = pos + cols[3].length();
                for (String info : cols[7].split(";")) {
                    if (info.startsWith("END=")) {
                        endExclusive = Integer.parseInt(info.substring(4));
                    }
                }
                List<long[]> chunks = bins.computeIfAbsent(names.indexOf(cols[0]), k -> new TreeMap<>())
                        .computeIfAbsent(reg2bin(pos, endExclusive), k -> new ArrayList<>());
                long end = in.getFilePointer();
                if (!chunks.isEmpty() && chunks.getLast()[1] == start) {
                    chunks.getLast()[1] = end;
                } else {
                    chunks.add(new long[] {start, end});
                }
            }
        }
        java.io.ByteArrayOutputStream nameBytes = new java.io.ByteArrayOutputStream();
        for (String n : names) {
            nameBytes.writeBytes(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            nameBytes.write(0);
        }
        ByteBuffer aux = ByteBuffer.allocate(28 + nameBytes.size()).order(ByteOrder.LITTLE_ENDIAN);
        aux.putInt(2).putInt(1).putInt(2).putInt(0).putInt('#').putInt(0).putInt(nameBytes.size())
                .put(nameBytes.toByteArray());
        writeIndex(csi, bins, names.size(), aux.array());
    }

    private static void writeIndex(Path csi, TreeMap<Integer, TreeMap<Integer, List<long[]>>> bins, int refs,
                                   byte[] aux) throws IOException {
        // One resource: closing the BGZF stream twice would write its end block to a closed file.
        try (DataOutputStream out = new DataOutputStream(
                new BlockCompressedOutputStream(Files.newOutputStream(csi), (Path) null))) {
            out.write(new byte[] {'C', 'S', 'I', 1});
            int32(out, MIN_SHIFT);
            int32(out, DEPTH);
            int32(out, aux.length);
            out.write(aux);
            int32(out, refs);
            for (int ref = 0; ref < refs; ref++) {
                TreeMap<Integer, List<long[]>> refBins = bins.getOrDefault(ref, new TreeMap<>());
                int32(out, refBins.size());
                for (Map.Entry<Integer, List<long[]>> bin : refBins.entrySet()) {
                    int32(out, bin.getKey());
                    int64(out, 0);
                    int32(out, bin.getValue().size());
                    for (long[] c : bin.getValue()) {
                        int64(out, c[0]);
                        int64(out, c[1]);
                    }
                }
            }
        }
    }

    /** The reference length of a BAM record's alignment (M, D, N, =, X); 1 for an unmapped read. */
    private static int bamSpan(ByteBuffer b) {
        if ((b.getShort(14) & 4) != 0) {
            return 1;
        }
        int nameLength = b.get(8) & 0xFF;
        int span = 0;
        for (int i = 0; i < (b.getShort(12) & 0xFFFF); i++) {
            int op = b.getInt(32 + nameLength + 4 * i);
            int kind = op & 0xF;
            if (kind == 0 || kind == 2 || kind == 3 || kind == 7 || kind == 8) {
                span += op >>> 4;
            }
        }
        return span;
    }

    /** The CSI bin of a 0-based, half-open interval (the SAM specification's reg2bin). */
    static int reg2bin(long beg, long end) {
        int l = DEPTH;
        int s = MIN_SHIFT;
        long last = end - 1;
        int t = ((1 << DEPTH * 3) - 1) / 7;
        for (; l > 0; --l, s += 3, t -= 1 << l * 3) {
            if (beg >> s == last >> s) {
                return (int) (t + (beg >> s));
            }
        }
        return 0;
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void int32(DataOutputStream out, int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }

    private static void int64(DataOutputStream out, long v) throws IOException {
        out.writeLong(Long.reverseBytes(v));
    }
}
