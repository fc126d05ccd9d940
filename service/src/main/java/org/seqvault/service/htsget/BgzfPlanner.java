package org.seqvault.service.htsget;

import htsjdk.samtools.util.BlockCompressedInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.seqvault.service.htsget.BinIndex.Span;
import org.seqvault.service.htsget.Block.Part;
import org.seqvault.service.htsget.Records.Rec;

/**
 * Plans the blocks of a BGZF file (BAM, bgzipped VCF, BCF) that hold exactly a region's records.
 *
 * <p>In a coordinate-sorted file the records of a reference are ordered by their first base, so a
 * region {@code [first, last]} is: the records before S (the first record starting at or after
 * {@code first}) that still reach {@code first}, then every record from S up to E (the first record
 * starting after {@code last}). Everything between S and E is handed out as stored bytes; only the
 * records near the two ends are read here: from the index's first chunk for the region up to S
 * (the linear index keeps that within about one 16 kb window of reads), and from the index's first
 * chunk after the region up to E. The partial blocks at S and E are cut and compressed again, so
 * the concatenated blocks decode to exactly the region's records.
 */
final class BgzfPlanner {
    private final BlobInput data;
    private final BlockCompressedInputStream in;
    private final Records records;
    private final long dataEnd;

    /** @param dataEnd virtual offset where the records end (the end-of-file block, or the end of the file) */
    BgzfPlanner(BlobInput data, Records records, long dataEnd) {
        this.data = data;
        this.in = new BlockCompressedInputStream(data);
        this.records = records;
        this.dataEnd = dataEnd;
    }

    /** The file's virtual end of data: the address of its end-of-file block, or its end when it has none. */
    static long dataEnd(BlobInput data) throws IOException {
        long size = data.length();
        if (size >= Bgzf.EOF.length && Arrays.equals(data.bytesAt(size - Bgzf.EOF.length, Bgzf.EOF.length), Bgzf.EOF)) {
            return Bgzf.virtualOffset(size - Bgzf.EOF.length, 0);
        }
        return Bgzf.virtualOffset(size, 0);
    }

    void header(Pieces out, Records.Header header) throws IOException {
        slice(out, Part.HEADER, 0, header.end());
    }

    void wholeBody(Pieces out, Records.Header header) throws IOException {
        slice(out, Part.BODY, header.end(), dataEnd);
    }

    /** The records of reference {@code ref} overlapping {@code [first, last]} (1-based, inclusive). */
    void region(Pieces out, BinIndex index, int ref, long first, long last) throws IOException {
        List<Span> chunks = index.chunks(ref, first, last);
        if (chunks.isEmpty()) {
            return;
        }
        Rec boundary = prefix(out, chunks, ref, first);
        if (boundary == null || boundary.first() > last) {
            return;
        }
        long start = boundary.virtualStart();
        slice(out, Part.BODY, start, end(index, chunks, ref, last, start));
    }

    /** The unplaced unmapped reads: every record from the first without a reference to the end. */
    void unplaced(Pieces out, BinIndex index, Records.Header header) throws IOException {
        long from = index.unplacedFrom();
        in.seek(from > 0 ? from : header.end());
        for (Rec r = records.next(in); r != null; r = records.next(in)) {
            if (r.refIndex() == -1) {
                slice(out, Part.BODY, r.virtualStart(), dataEnd);
                return;
            }
        }
    }

    /**
     * Adds the records before S that overlap {@code first} (read from the region's chunks in order)
     * and returns the record at S; null when no record of the chunks starts at or after {@code first}.
     */
    private Rec prefix(Pieces out, List<Span> chunks, int ref, long first) throws IOException {
        for (Span chunk : chunks) {
            in.seek(chunk.start());
            while (Long.compareUnsigned(in.getFilePointer(), chunk.end()) < 0) {
                Rec r = records.next(in);
                if (r == null) {
                    return null;
                }
                if (r.refIndex() != ref) {
                    continue;
                }
                if (r.first() >= first) {
                    return r;
                }
                if (r.last() >= first) {
                    out.plain(Part.BODY, r.bytes(), 0, r.bytes().length);
                }
            }
        }
        return null;
    }

    /**
     * E: the virtual offset of the first record after {@code start} that starts beyond {@code last}
     * (or leaves the reference). The index's chunks for the rest of the reference begin at or before
     * it; when there are none, every record up to the region's last chunk end overlaps.
     */
    private long end(BinIndex index, List<Span> chunks, int ref, long last, long start) throws IOException {
        List<Span> after = index.chunks(ref, last + 1, Long.MAX_VALUE);
        if (after.isEmpty()) {
            return min(chunks.getLast().end(), dataEnd);
        }
        in.seek(Math.max(after.getFirst().start(), start));
        while (true) {
            long at = in.getFilePointer();
            Rec r = records.next(in);
            if (r == null) {
                return min(at, dataEnd);
            }
            if (r.refIndex() != ref || r.first() > last) {
                return r.virtualStart();
            }
        }
    }

    /** The uncompressed bytes between two virtual offsets: stored whole blocks, cut ends compressed again. */
    void slice(Pieces out, Part part, long from, long to) throws IOException {
        if (Long.compareUnsigned(from, to) >= 0) {
            return;
        }
        long a = Bgzf.address(from);
        long b = Bgzf.address(to);
        int oa = Bgzf.offset(from);
        int ob = Bgzf.offset(to);
        if (a == b) {
            byte[] block = Bgzf.inflate(in, a);
            out.plain(part, block, oa, ob - oa);
            return;
        }
        long storedFrom = a;
        if (oa > 0) {
            byte[] block = Bgzf.inflate(in, a);
            out.plain(part, block, oa, block.length - oa);
            storedFrom = a + Bgzf.blockLength(data, a);
        }
        out.stored(part, storedFrom, b);
        if (ob > 0) {
            byte[] block = Bgzf.inflate(in, b);
            out.plain(part, block, 0, ob);
        }
    }

    private static long min(long x, long y) {
        return Long.compareUnsigned(x, y) <= 0 ? x : y;
    }
}
