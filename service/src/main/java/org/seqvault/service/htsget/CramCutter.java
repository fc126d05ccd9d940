package org.seqvault.service.htsget;

import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.cram.common.CRAMVersion;
import htsjdk.samtools.cram.compression.ExternalCompressor;
import htsjdk.samtools.cram.encoding.writer.CramRecordWriter;
import htsjdk.samtools.cram.io.CramIntArray;
import htsjdk.samtools.cram.io.ITF8;
import htsjdk.samtools.cram.io.LTF8;
import htsjdk.samtools.cram.structure.AlignmentContext;
import htsjdk.samtools.cram.structure.CRAMCodecModelContext;
import htsjdk.samtools.cram.structure.CRAMCompressionRecord;
import htsjdk.samtools.cram.structure.CompressionHeader;
import htsjdk.samtools.cram.structure.CompressionHeaderEncodingMap;
import htsjdk.samtools.cram.structure.CompressorCache;
import htsjdk.samtools.cram.structure.Container;
import htsjdk.samtools.cram.structure.DataSeries;
import htsjdk.samtools.cram.structure.EncodingDescriptor;
import htsjdk.samtools.cram.structure.Slice;
import htsjdk.samtools.cram.structure.SliceBlocks;
import htsjdk.samtools.cram.structure.block.Block;
import htsjdk.samtools.cram.structure.block.BlockCompressionMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cuts one CRAM container down to the records a region wants, without the reference.
 *
 * <p>A slice's records are decoded only as far as CRAM stores them (position, flags, read features
 * relative to the reference, qualities, tags): bases are never restored, so no reference is needed.
 * The kept records are encoded again with the container's own compression header into a slice whose
 * header keeps the ORIGINAL reference id, alignment start, span and reference MD5: the kept records
 * still lie inside that span, so a reader holding the reference checks the same MD5 and restores the
 * same bases, and the first record's position is encoded relative to the same start. External
 * blocks are compressed with gzip (every CRAM reader has it). Mates linked by offset inside the
 * slice stay linked when nothing between them is dropped; otherwise the kept one is detached with
 * its mate's details written out, as a reader would have restored them.
 *
 * <p>Some containers cannot be cut exactly this way and are kept whole (the answer then holds other
 * records of that container too): an embedded reference (its bases would have to be cut as well),
 * generated read names (they are numbered by record position), records linked in chains of more
 * than two, and encodings this path cannot write.
 */
final class CramCutter {
    private static final Map<Integer, DataSeries> SERIES_BY_CONTENT_ID = new HashMap<>();

    static {
        for (DataSeries s : DataSeries.values()) {
            SERIES_BY_CONTENT_ID.putIfAbsent(s.getExternalBlockContentId(), s);
        }
    }

    private CramCutter() {
    }

    /**
     * The container at {@code offset} holding only the records {@code keep} accepts: the bytes of a
     * new container, an empty array when none is kept, or empty when the container must be kept whole.
     */
    static Optional<byte[]> cut(BlobInput data, CRAMVersion version, long offset, Predicate<CRAMCompressionRecord> keep)
            throws IOException {
        data.seek(offset);
        Container container = new Container(version, data, offset);
        CompressionHeader header = container.getCompressionHeader();
        if (!header.isPreserveReadNames()) {
            return Optional.empty();
        }
        CompressorCache cache = new CompressorCache();
        List<Slice> slices = new ArrayList<>();
        boolean changed = false;
        for (Slice slice : container.getSlices()) {
            if (slice.getEmbeddedReferenceContentID() != Slice.EMBEDDED_REFERENCE_ABSENT_CONTENT_ID) {
                return Optional.empty();
            }
            List<CRAMCompressionRecord> records = slice.deserializeCRAMRecords(cache, ValidationStringency.SILENT);
            boolean[] kept = new boolean[records.size()];
            int count = 0;
            for (int i = 0; i < kept.length; i++) {
                kept[i] = keep.test(records.get(i));
                count += kept[i] ? 1 : 0;
            }
            if (count == records.size()) {
                slices.add(slice);
                continue;
            }
            changed = true;
            if (count == 0) {
                continue;
            }
            Optional<List<CRAMCompressionRecord>> subset = MateLinks.keep(records, kept);
            if (subset.isEmpty() || !registerCompressors(header.getEncodingMap(), slice)) {
                return Optional.empty();
            }
            Slice rewritten = rewrite(version, header, slice, subset.get(), offset);
            if (rewritten == null) {
                return Optional.empty();
            }
            slices.add(rewritten);
        }
        if (!changed) {
            return Optional.empty();
        }
        if (slices.isEmpty()) {
            return Optional.of(new byte[0]);
        }
        Container cut = new Container(header, slices, offset, container.getContainerHeader().getGlobalRecordCounter());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cut.write(version, out);
        return Optional.of(out.toByteArray());
    }

    /**
     * A compression header read from a file knows its encodings but not which compressor writes each
     * external block: registers gzip for every block the original slice has (the kept records use no
     * other). False when a block's content id belongs to a data series htsjdk cannot register so.
     */
    private static boolean registerCompressors(CompressionHeaderEncodingMap map, Slice slice) {
        ExternalCompressor gzip = new CompressorCache().getCompressorForMethod(BlockCompressionMethod.GZIP,
                ExternalCompressor.NO_COMPRESSION_ARG);
        for (int id : slice.getSliceBlocks().getExternalContentIDs()) {
            DataSeries series = SERIES_BY_CONTENT_ID.get(id);
            if (series == null) {
                map.putTagBlockCompression(id, gzip);
                continue;
            }
            EncodingDescriptor descriptor = map.getEncodingDescriptorForDataSeries(series);
            if (descriptor == null || !descriptor.getEncodingID().isExternalEncoding()) {
                return false;
            }
            map.putExternalEncoding(series, descriptor, gzip);
        }
        return true;
    }

    /** A slice of {@code records} encoded afresh under the original slice's header values; null when htsjdk cannot write it. */
    private static Slice rewrite(CRAMVersion version, CompressionHeader header, Slice original,
                                 List<CRAMCompressionRecord> records, long offset) throws IOException {
        AlignmentContext context = original.getAlignmentContext();
        CramRecordWriter writer;
        try {
            writer = new CramRecordWriter(original);
        } catch (IllegalArgumentException e) {
            // htsjdk's writer wants an encoding for every data series; files from other writers may leave unused ones out.
            return null;
        }
        SliceBlocks blocks = writer.writeToSliceBlocks(new CRAMCodecModelContext(), records, context.getAlignmentStart());
        List<Integer> contentIds = blocks.getExternalContentIDs();
        ByteArrayOutputStream sliceHeader = new ByteArrayOutputStream();
        ITF8.writeUnsignedITF8(context.getReferenceContext().getReferenceContextID(), sliceHeader);
        ITF8.writeUnsignedITF8(context.getAlignmentStart(), sliceHeader);
        ITF8.writeUnsignedITF8(context.getAlignmentSpan(), sliceHeader);
        ITF8.writeUnsignedITF8(records.size(), sliceHeader);
        LTF8.writeUnsignedLTF8(original.getGlobalRecordCounter(), sliceHeader);
        ITF8.writeUnsignedITF8(1 + blocks.getNumberOfExternalBlocks(), sliceHeader);
        CramIntArray.write(contentIds, sliceHeader);
        ITF8.writeUnsignedITF8(Slice.EMBEDDED_REFERENCE_ABSENT_CONTENT_ID, sliceHeader);
        sliceHeader.write(original.getReferenceMD5());
        // No content digest tags: they covered the original records' bases, which are not restored here.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Block.createRawSliceHeaderBlock(sliceHeader.toByteArray()).write(version, bytes);
        blocks.writeBlocks(version, bytes);
        return new Slice(version, header, new ByteArrayInputStream(bytes.toByteArray()), offset);
    }
}
