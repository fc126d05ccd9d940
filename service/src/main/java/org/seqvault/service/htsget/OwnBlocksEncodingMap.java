package org.seqvault.service.htsget;

import htsjdk.samtools.cram.compression.ExternalCompressor;
import htsjdk.samtools.cram.io.ITF8;
import htsjdk.samtools.cram.structure.CRAMCodecModelContext;
import htsjdk.samtools.cram.structure.CompressionHeader;
import htsjdk.samtools.cram.structure.CompressionHeaderEncodingMap;
import htsjdk.samtools.cram.structure.CompressorCache;
import htsjdk.samtools.cram.structure.DataSeries;
import htsjdk.samtools.cram.structure.DataSeriesType;
import htsjdk.samtools.cram.structure.EncodingDescriptor;
import htsjdk.samtools.cram.structure.EncodingID;
import htsjdk.samtools.cram.structure.Slice;
import htsjdk.samtools.cram.structure.block.Block;
import htsjdk.samtools.cram.structure.block.BlockCompressionMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The encodings of a CRAM file's own compression header, ready to write records with. A header read
 * from a file holds the encodings but not the compressors htsjdk writes its external blocks with,
 * and htsjdk registers those only under its own content ids, while other writers (htslib) number
 * their blocks differently. This map writes every block the file's encodings name, under that same
 * content id, compressed with gzip; what it serializes is exactly the encodings read.
 */
final class OwnBlocksEncodingMap extends CompressionHeaderEncodingMap {
    private final List<Integer> contentIds;
    private final ExternalCompressor gzip = new CompressorCache().getCompressorForMethod(BlockCompressionMethod.GZIP,
            ExternalCompressor.NO_COMPRESSION_ARG);

    private OwnBlocksEncodingMap(byte[] encodings, List<Integer> contentIds) {
        super(new ByteArrayInputStream(encodings));
        this.contentIds = List.copyOf(contentIds);
    }

    /** A compression header with the same encodings, tags, substitution matrix and flags as {@code original}. */
    static CompressionHeader headerLike(CompressionHeader original, List<Slice> slices) throws IOException {
        ByteArrayOutputStream encodings = new ByteArrayOutputStream();
        original.getEncodingMap().write(encodings);
        TreeSet<Integer> ids = new TreeSet<>();
        for (DataSeries series : DataSeries.values()) {
            EncodingDescriptor d = original.getEncodingMap().getEncodingDescriptorForDataSeries(series);
            if (d != null) {
                ids.addAll(contentIds(d));
            }
        }
        original.getTagEncodingMap().values().forEach(d -> ids.addAll(contentIds(d)));
        slices.forEach(s -> ids.addAll(s.getSliceBlocks().getExternalContentIDs()));
        OwnBlocksEncodingMap map = new OwnBlocksEncodingMap(encodings.toByteArray(), new ArrayList<>(ids));
        CompressionHeader header = new CompressionHeader(map, original.isAPDelta(), original.isPreserveReadNames(),
                original.isReferenceRequired());
        header.setSubstitutionMatrix(original.getSubstitutionMatrix());
        header.setTagIdDictionary(original.getTagIDDictionary());
        original.getTagEncodingMap().forEach((id, d) -> header.addTagEncoding(id, map.gzip, d));
        return header;
    }

    /**
     * The file's encoding of {@code series}; for a series the file has none for (htslib leaves out
     * the unused ones, htsjdk's writer wants them all) a stand-in that writes nothing for an absent
     * value (0, or an empty array) and fails on any other: the records being written came from
     * this header, so they hold no value of a series it lacks.
     */
    @Override
    public EncodingDescriptor getEncodingDescriptorForDataSeries(DataSeries series) {
        EncodingDescriptor own = super.getEncodingDescriptorForDataSeries(series);
        if (own != null) {
            return own;
        }
        if (series.getType() != DataSeriesType.BYTE_ARRAY) {
            return ONLY_ZERO;
        }
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        for (EncodingDescriptor part : List.of(ONLY_ZERO, ONLY_ZERO)) {
            ITF8.writeUnsignedITF8(part.getEncodingID().getId(), params);
            ITF8.writeUnsignedITF8(part.getEncodingParameters().length, params);
            params.writeBytes(part.getEncodingParameters());
        }
        return new EncodingDescriptor(EncodingID.BYTE_ARRAY_LEN, params.toByteArray());
    }

    /** A Huffman code of the one symbol 0, with a code length of 0 bits. */
    private static final EncodingDescriptor ONLY_ZERO = new EncodingDescriptor(EncodingID.HUFFMAN, new byte[] {1, 0, 1, 0});

    @Override
    public List<Integer> getExternalIDs() {
        return contentIds;
    }

    @Override
    public void putTagBlockCompression(int tagId, ExternalCompressor compressor) {
        // Every tag's block is in contentIds already and compressed with gzip.
    }

    @Override
    public Block createCompressedBlockForStream(CRAMCodecModelContext context, Integer contentId,
                                                ByteArrayOutputStream stream) {
        byte[] raw = stream.toByteArray();
        if (raw.length == 0) {
            return Block.createExternalBlock(BlockCompressionMethod.RAW, contentId, raw, 0);
        }
        return Block.createExternalBlock(BlockCompressionMethod.GZIP, contentId, gzip.compress(raw, context), raw.length);
    }

    /** The external blocks an encoding writes to (CRAM 3.0, section 13: external, and the byte-array encodings around it). */
    static List<Integer> contentIds(EncodingDescriptor descriptor) {
        List<Integer> ids = new ArrayList<>();
        collect(descriptor.getEncodingID(), ByteBuffer.wrap(descriptor.getEncodingParameters()), ids);
        return ids;
    }

    private static void collect(EncodingID encoding, ByteBuffer params, List<Integer> ids) {
        switch (encoding) {
            case EXTERNAL -> ids.add(ITF8.readUnsignedITF8(params));
            case BYTE_ARRAY_STOP -> {
                params.get();
                ids.add(ITF8.readUnsignedITF8(params));
            }
            case BYTE_ARRAY_LEN -> {
                nested(params, ids);
                nested(params, ids);
            }
            default -> {
                // Bit codecs (Huffman, Beta, ...) write to the core block.
            }
        }
    }

    private static void nested(ByteBuffer params, List<Integer> ids) {
        int id = ITF8.readUnsignedITF8(params);
        int length = ITF8.readUnsignedITF8(params);
        byte[] inner = new byte[length];
        params.get(inner);
        for (EncodingID e : EncodingID.values()) {
            if (e.getId() == id) {
                collect(e, ByteBuffer.wrap(inner), ids);
            }
        }
    }
}
