package org.seqvault.service.htsget;

import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.cram.common.CRAMVersion;
import htsjdk.samtools.cram.common.MutableInt;
import htsjdk.samtools.cram.encoding.writer.CramRecordWriter;
import htsjdk.samtools.cram.io.CramIntArray;
import htsjdk.samtools.cram.io.ITF8;
import htsjdk.samtools.cram.io.LTF8;
import htsjdk.samtools.cram.structure.AlignmentContext;
import htsjdk.samtools.cram.structure.CRAMCodecModelContext;
import htsjdk.samtools.cram.structure.CRAMCompressionRecord;
import htsjdk.samtools.cram.structure.CompressionHeader;
import htsjdk.samtools.cram.structure.CompressorCache;
import htsjdk.samtools.cram.structure.Container;
import htsjdk.samtools.cram.structure.DataSeries;
import htsjdk.samtools.cram.structure.Slice;
import htsjdk.samtools.cram.structure.SliceBlocks;
import htsjdk.samtools.cram.structure.block.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * relative to the reference, qualities, tags): bases are never restored, so no reference is needed
 * (htsjdk does not keep a decoded record's index into the tag dictionary, so it is found again).
 * The kept records are encoded again with the container's own compression header into a slice whose
 * header keeps the ORIGINAL reference id, alignment start, span and reference MD5: the kept records
 * still lie inside that span, so a reader holding the reference checks the same MD5 and restores the
 * same bases, and the first record's position is encoded relative to the same start. The external
 * blocks keep their content ids and are compressed with gzip (every CRAM reader has it; see
 * {@link OwnBlocksEncodingMap}). Mates linked by offset inside the slice stay linked when nothing
 * between them is dropped; otherwise the kept one is detached with its mate's details written out,
 * as a reader would have restored them ({@link MateLinks}). The slice and container keep their
 * record counters (they number generated read names only, and files without names stay whole).
 *
 * <p>Some containers cannot be cut exactly this way and are kept whole (the answer then holds other
 * records of that container too): an embedded reference (its bases would have to be cut as well),
 * generated read names (they are numbered by record position), records linked in chains of more
 * than two, a header without the encodings detached mates need, and encodings htsjdk cannot write.
 */
final class CramCutter {
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
        CompressionHeader original = container.getCompressionHeader();
        if (!original.isPreserveReadNames()) {
            return Optional.empty();
        }
        CompressionHeader header = OwnBlocksEncodingMap.headerLike(original, container.getSlices());
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
            Optional<List<CRAMCompressionRecord>> subset = MateLinks.keep(records, kept, canDetach(original));
            if (subset.isEmpty() || !tagListsIndexed(subset.get(), original)) {
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
     * Gives each record the index of its tag list in the header's dictionary (the TL series): htsjdk
     * decodes a record's tags but does not keep that index, and its writer needs it. False when a
     * record's tags are not a list of the dictionary.
     */
    private static boolean tagListsIndexed(List<CRAMCompressionRecord> records, CompressionHeader header) {
        Map<String, Integer> lists = new HashMap<>();
        byte[][][] dictionary = header.getTagIDDictionary();
        for (int i = dictionary.length - 1; i >= 0; i--) {
            StringBuilder key = new StringBuilder();
            for (byte[] tag : dictionary[i]) {
                key.append(new String(tag, StandardCharsets.ISO_8859_1));
            }
            lists.put(key.toString(), i);
        }
        for (CRAMCompressionRecord r : records) {
            StringBuilder key = new StringBuilder();
            if (r.getTags() != null) {
                r.getTags().forEach(t -> key.append(t.keyType3Bytes));
            }
            Integer index = lists.get(key.toString());
            if (index == null) {
                return false;
            }
            r.setTagIdsIndex(new MutableInt(index));
        }
        return true;
    }

    /** Whether the header has the encodings a detached record writes its mate's details with. */
    private static boolean canDetach(CompressionHeader header) {
        for (DataSeries s : List.of(DataSeries.MF_MateBitFlags, DataSeries.NS_NextFragmentReferenceSequenceID,
                DataSeries.NP_NextFragmentAlignmentStart, DataSeries.TS_InsertSize)) {
            if (header.getEncodingMap().getEncodingDescriptorForDataSeries(s) == null) {
                return false;
            }
        }
        return true;
    }

    /** A slice of {@code records} encoded afresh under the original slice's header values; null when htsjdk cannot write it. */
    private static Slice rewrite(CRAMVersion version, CompressionHeader header, Slice original,
                                 List<CRAMCompressionRecord> records, long offset) throws IOException {
        AlignmentContext context = original.getAlignmentContext();
        // The writer takes its compression header from a slice: the original one, read again under the new header.
        ByteArrayOutputStream originalBytes = new ByteArrayOutputStream();
        original.write(version, originalBytes);
        Slice template = new Slice(version, header, new ByteArrayInputStream(originalBytes.toByteArray()), offset);
        CramRecordWriter writer;
        try {
            writer = new CramRecordWriter(template);
        } catch (IllegalArgumentException e) {
            // An encoding htsjdk can read but not write: keep the container whole.
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
