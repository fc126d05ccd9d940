package org.seqvault.service.htsget;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.cram.CRAIEntry;
import htsjdk.samtools.cram.build.CramIO;
import htsjdk.samtools.cram.common.CRAMVersion;
import htsjdk.samtools.cram.structure.CRAMCompressionRecord;
import htsjdk.samtools.cram.structure.Container;
import htsjdk.samtools.cram.structure.ContainerHeader;
import htsjdk.samtools.cram.structure.CramHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.seqvault.service.htsget.Block.Part;

/**
 * Plans the containers of a CRAM file that hold a region's records, from its {@code .crai}: the
 * containers inside the region are handed out as stored bytes, those at its ends are re-encoded
 * with only the region's records ({@link CramCutter}).
 */
final class CramPlanner {

    /** What planning needs of a CRAM file: its version, where the header ends, its references. */
    record Layout(CRAMVersion version, long headerEnd, long dataEnd, List<String> names) {
    }

    private CramPlanner() {
    }

    static Layout layout(BlobInput data) throws IOException {
        data.seek(0);
        byte[] magic = data.bytesAt(0, 4);
        if (!Arrays.equals(magic, CramHeader.MAGIC)) {
            throw new Records.NotThisFormat("the file does not start with the CRAM magic number");
        }
        data.seek(0);
        CramHeader definition = CramIO.readCramHeader(data);
        CRAMVersion version = definition.getCRAMVersion();
        long containerStart = data.position();
        ContainerHeader headerContainer = new ContainerHeader(version, data);
        long headerEnd = data.position() + headerContainer.getContainerBlocksByteSize();
        data.seek(containerStart);
        SAMFileHeader sam = Container.readSAMFileHeaderContainer(version, data, data.getSource());
        List<String> names = sam.getSequenceDictionary().getSequences().stream()
                .map(SAMSequenceRecord::getSequenceName).toList();
        byte[] eof = eof(version);
        long size = data.length();
        long dataEnd = size >= eof.length && Arrays.equals(data.bytesAt(size - eof.length, eof.length), eof)
                ? size - eof.length : size;
        return new Layout(version, headerEnd, dataEnd, names);
    }

    static byte[] eof(CRAMVersion version) {
        return version.getMajor() >= 3 ? CramIO.ZERO_F_EOF_MARKER : CramIO.ZERO_B_EOF_MARKER;
    }

    static List<CRAIEntry> entries(byte[] crai) throws IOException {
        byte[] text = crai.length >= 2 && (crai[0] & 0xFF) == 0x1f && (crai[1] & 0xFF) == 0x8b
                ? new GZIPInputStream(new ByteArrayInputStream(crai)).readAllBytes() : crai;
        List<CRAIEntry> entries = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isBlank()) {
                try {
                    entries.add(new CRAIEntry(line.trim()));
                } catch (RuntimeException e) {
                    throw new IOException("not a CRAM index: bad line '" + line + "'", e);
                }
            }
        }
        return entries;
    }

    static void header(Pieces out, Layout layout) {
        out.stored(Part.HEADER, 0, layout.headerEnd());
    }

    static void wholeBody(Pieces out, Layout layout) {
        out.stored(Part.BODY, layout.headerEnd(), layout.dataEnd());
    }

    /**
     * The records of reference {@code ref} (-1: unplaced) that overlap {@code [first, last]}: the
     * containers whose slices lie wholly inside the region as stored bytes, the others (the region's
     * two ends, a container shared with other references) cut to the records the region wants.
     */
    static void region(Pieces out, BlobInput data, Layout layout, List<CRAIEntry> entries, int ref, long first,
                       long last) throws IOException {
        TreeSet<Long> starts = new TreeSet<>();
        entries.forEach(e -> starts.add(e.getContainerStartByteOffset()));
        TreeMap<Long, Boolean> wanted = new TreeMap<>();
        for (CRAIEntry e : entries) {
            if (e.getSequenceId() == ref && overlaps(e, ref, first, last)) {
                wanted.putIfAbsent(e.getContainerStartByteOffset(), false);
            }
        }
        for (CRAIEntry e : entries) {
            long start = e.getContainerStartByteOffset();
            if (wanted.containsKey(start) && !wholly(e, ref, first, last)) {
                wanted.put(start, true);
            }
        }
        Predicate<CRAMCompressionRecord> keep = ref == -1 ? r -> r.getReferenceIndex() == -1
                : r -> r.getReferenceIndex() == ref && r.getAlignmentStart() <= last && lastBase(r) >= first;
        for (Map.Entry<Long, Boolean> w : wanted.entrySet()) {
            long start = w.getKey();
            if (w.getValue()) {
                Optional<byte[]> cut = CramCutter.cut(data, layout.version(), start, keep);
                if (cut.isPresent()) {
                    out.plain(Part.BODY, cut.get(), 0, cut.get().length);
                    continue;
                }
            }
            Long next = starts.higher(start);
            out.stored(Part.BODY, start, next == null ? layout.dataEnd() : Math.min(next, layout.dataEnd()));
        }
    }

    private static boolean overlaps(CRAIEntry e, int ref, long first, long last) {
        return ref == -1 || (e.getAlignmentStart() <= last && lastBase(e) >= first);
    }

    /** Whether every record an index entry stands for is one the region wants. */
    private static boolean wholly(CRAIEntry e, int ref, long first, long last) {
        return e.getSequenceId() == ref && (ref == -1 || (e.getAlignmentStart() >= first && lastBase(e) <= last));
    }

    private static long lastBase(CRAIEntry e) {
        return e.getAlignmentStart() + Math.max(1, e.getAlignmentSpan()) - 1L;
    }

    /** The last base a record covers: an unmapped read placed at a position covers that one base (as in htslib). */
    private static long lastBase(CRAMCompressionRecord r) {
        return r.isSegmentUnmapped() ? r.getAlignmentStart() : r.getAlignmentEnd();
    }
}
