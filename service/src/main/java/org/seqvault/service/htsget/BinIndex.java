package org.seqvault.service.htsget;

import htsjdk.samtools.BAMFileSpan;
import htsjdk.samtools.CSIIndex;
import htsjdk.samtools.Chunk;
import htsjdk.samtools.DiskBasedBAMFileIndex;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.seekablestream.ByteArraySeekableStream;
import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.tribble.index.Block;
import htsjdk.tribble.index.tabix.TabixIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A binning index (BAI, CSI, tabix) parsed by htsjdk: which stretches of a BGZF file (chunks of
 * virtual offsets) hold every record overlapping a range. Queries are serialised: htsjdk's BAM
 * index readers keep a read position.
 */
abstract sealed class BinIndex permits BinIndex.Bai, BinIndex.Csi, BinIndex.Tbi {
    /** BAI and tabix address positions below 2^29. */
    static final long BAI_MAX_POSITION = (1L << 29) - 1;

    /** A stretch of the file: virtual offsets {@code [start, end)}. */
    record Span(long start, long end) {
    }

    /**
     * The chunks holding every record of reference {@code ref} that overlaps {@code [first, last]}
     * (1-based, inclusive), in file order, overlapping and adjacent ones merged; empty when none.
     */
    final synchronized List<Span> chunks(int ref, long first, long last) {
        long top = Math.min(last, maxPosition());
        if (ref < 0 || first > top) {
            return List.of();
        }
        return merged(query(ref, (int) Math.max(1, first), (int) top));
    }

    abstract List<Span> query(int ref, int first, int last);

    abstract long maxPosition();

    /** Where the last reference's last linear bin starts: the unplaced reads follow it; -1 when unknown. */
    long unplacedFrom() {
        return -1;
    }

    /** The reference names in the index's own numbering, when the index carries them (tabix); else empty. */
    List<String> names() {
        return List.of();
    }

    static List<Span> merged(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::start));
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            if (!out.isEmpty() && Long.compareUnsigned(s.start(), out.getLast().end()) <= 0) {
                Span prev = out.removeLast();
                out.add(new Span(prev.start(), Math.max(prev.end(), s.end())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    static SAMSequenceDictionary dictionary(Records.Header header) {
        List<SAMSequenceRecord> records = new ArrayList<>();
        for (int i = 0; i < header.names().size(); i++) {
            long length = header.length(i);
            records.add(new SAMSequenceRecord(header.names().get(i).isEmpty() ? "_" + i : header.names().get(i),
                    (int) Math.min(Integer.MAX_VALUE, length == 0 ? BAI_MAX_POSITION : length)));
        }
        return new SAMSequenceDictionary(records);
    }

    private static List<Span> spans(BAMFileSpan span) {
        if (span == null) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        for (Chunk c : span.getChunks()) {
            out.add(new Span(c.getChunkStart(), c.getChunkEnd()));
        }
        return out;
    }

    /** The bytes of a file that may be BGZF- (or gzip-) compressed, uncompressed. */
    static byte[] gunzipped(byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1f || (bytes[1] & 0xFF) != 0x8b) {
            return bytes;
        }
        try (BlockCompressedInputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    // ---- BAI ------------------------------------------------------------------------------------

    static final class Bai extends BinIndex {
        private final DiskBasedBAMFileIndex index;
        private final int references;

        Bai(byte[] bytes, Records.Header header) throws IOException {
            if (bytes.length < 8 || bytes[0] != 'B' || bytes[1] != 'A' || bytes[2] != 'I' || bytes[3] != 1) {
                throw new IOException("not a BAI index (bad magic number)");
            }
            this.references = ByteBuffer.wrap(bytes, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            this.index = new DiskBasedBAMFileIndex(new ByteArraySeekableStream(bytes), dictionary(header));
        }

        @Override
        List<Span> query(int ref, int first, int last) {
            return ref >= references ? List.of() : spans(index.getSpanOverlapping(ref, first, last));
        }

        @Override
        long maxPosition() {
            return BAI_MAX_POSITION;
        }

        @Override
        synchronized long unplacedFrom() {
            return index.getStartOfLastLinearBin();
        }
    }

    // ---- CSI ------------------------------------------------------------------------------------

    static final class Csi extends BinIndex {
        private final CSIIndex index;
        private final List<String> names;

        Csi(byte[] bytes, Records.Header header) throws IOException {
            byte[] plain = gunzipped(bytes);
            if (plain.length < 4 || plain[0] != 'C' || plain[1] != 'S' || plain[2] != 'I' || plain[3] != 1) {
                throw new IOException("not a CSI index (bad magic number)");
            }
            this.index = new CSIIndex(new ByteArraySeekableStream(plain), dictionary(header));
            this.names = tabixNames(index.getAuxData());
        }

        @Override
        List<Span> query(int ref, int first, int last) {
            return ref >= index.getNumberOfReferences() ? List.of()
                    : spans(index.getSpanOverlapping(ref, first, last));
        }

        @Override
        long maxPosition() {
            return Math.min(Integer.MAX_VALUE - 1L, index.getMaxSpan() - 1L);
        }

        @Override
        synchronized long unplacedFrom() {
            return index.getStartOfLastLinearBin();
        }

        @Override
        List<String> names() {
            return names;
        }

        /** The reference names a CSI index of a text file carries in its auxiliary data (tabix's layout). */
        private static List<String> tabixNames(byte[] aux) {
            if (aux == null || aux.length < 28) {
                return List.of();
            }
            ByteBuffer b = ByteBuffer.wrap(aux).order(ByteOrder.LITTLE_ENDIAN);
            int length = b.getInt(24);
            if (length <= 0 || 28 + length > aux.length) {
                return List.of();
            }
            return splitNames(aux, 28, length);
        }
    }

    // ---- tabix ----------------------------------------------------------------------------------

    static final class Tbi extends BinIndex {
        private final TabixIndex index;
        private final List<String> names;

        Tbi(byte[] bytes) throws IOException {
            byte[] plain = gunzipped(bytes);
            if (plain.length < 4 || plain[0] != 'T' || plain[1] != 'B' || plain[2] != 'I' || plain[3] != 1) {
                throw new IOException("not a tabix index (bad magic number)");
            }
            this.index = new TabixIndex(new ByteArrayInputStream(plain));
            this.names = List.copyOf(index.getSequenceNames());
        }

        @Override
        List<Span> query(int ref, int first, int last) {
            if (ref >= names.size()) {
                return List.of();
            }
            List<Span> out = new ArrayList<>();
            for (Block b : index.getBlocks(names.get(ref), first, last)) {
                out.add(new Span(b.getStartPosition(), b.getEndPosition()));
            }
            return out;
        }

        @Override
        long maxPosition() {
            return BAI_MAX_POSITION;
        }

        @Override
        List<String> names() {
            return names;
        }
    }

    static List<String> splitNames(byte[] bytes, int from, int length) {
        List<String> names = new ArrayList<>();
        int start = from;
        for (int i = from; i < from + length; i++) {
            if (bytes[i] == 0) {
                names.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return names;
    }

    static Map<String, Integer> ids(List<String> names) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ids.putIfAbsent(names.get(i), i);
        }
        return ids;
    }
}
