package org.seqvault.genomics;

import htsjdk.samtools.FileTruncatedException;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SAMTextHeaderCodec;
import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.cram.build.CramIO;
import htsjdk.samtools.cram.structure.Container;
import htsjdk.samtools.cram.structure.CramHeader;
import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BufferedLineReader;
import htsjdk.samtools.FileTruncatedException;
import htsjdk.tribble.readers.LineIteratorImpl;
import htsjdk.tribble.readers.SynchronousLineReader;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.seqvault.service.extract.ExtractionStatus;
import org.seqvault.service.extract.HeaderFormat;
import org.seqvault.service.extract.HeaderReader;
import org.seqvault.service.port.BlobStore.BlobReader;

/**
 * Reads the headers of BAM, CRAM, SAM, VCF/BCF (plain or bgzipped) and FASTQ (plain or gzipped)
 * with htsjdk, decompressing on the fly from {@link HeaderBytes}: it stops at the header's end
 * (FASTQ: after its first reads) and never fetches more than {@code cap} bytes of the blob.
 */
public final class HtsHeaderReader implements HeaderReader {
    /** The most bytes of a blob one read fetches, unless told otherwise: far above any real header. */
    public static final long DEFAULT_CAP = 4L << 20;
    /** A decompressed BAM header text longer than this is refused rather than held. */
    private static final int MAX_TEXT = 64 << 20;
    private static final byte[] BAM_MAGIC = {'B', 'A', 'M', 1};
    private static final byte[] BCF_MAGIC = {'B', 'C', 'F'};
    private static final int MAX_VALUE_BYTES = org.seqvault.domain.Metadata.MAX_VALUE_BYTES;

    private final long cap;

    public HtsHeaderReader() {
        this(DEFAULT_CAP);
    }

    public HtsHeaderReader(long cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1 byte, not " + cap);
        }
        this.cap = cap;
    }

    @Override
    public Reading read(HeaderFormat format, String fileName, BlobReader blob) throws IOException {
        HeaderBytes bytes = new HeaderBytes(blob, cap);
        Map<String, String> found;
        try {
            found = switch (format) {
                case BAM -> AlignmentFacts.of(bamHeader(bytes, fileName));
                case CRAM -> AlignmentFacts.of(cramHeader(bytes, fileName));
                case SAM -> AlignmentFacts.of(samHeader(bytes, fileName));
                case VCF -> VariantFacts.of(vcfHeader(maybeGunzip(bytes)));
                case BCF -> VariantFacts.of(bcfHeader(bytes));
                case FASTQ -> FastqFacts.of(fileName, maybeGunzip(bytes), bytes);
            };
        } catch (HeaderBytes.HeaderTooLarge e) {
            return new Reading.Unreadable(ExtractionStatus.HEADER_TOO_LARGE, bytes.bytesRead());
        } catch (IOException | RuntimeException e) {
            if (bytes.storeFailure() != null) {
                throw bytes.storeFailure();
            }
            return new Reading.Unreadable("unreadable: " + describe(format, e), bytes.bytesRead());
        }
        return new Reading.Found(withinLimits(found), bytes.bytesRead());
    }

    private static SAMFileHeader bamHeader(InputStream in, String name) throws IOException {
        DataInputStream bam = new DataInputStream(new BlockCompressedInputStream(in));
        requireMagic(bam, BAM_MAGIC, "BAM");
        int textLength = Integer.reverseBytes(bam.readInt());
        if (textLength < 0 || textLength > MAX_TEXT) {
            throw new HeaderBytes.HeaderTooLarge(MAX_TEXT);
        }
        SAMFileHeader header = decodeText(new LimitedStream(bam, textLength), name);
        if (header.getSequenceDictionary().isEmpty()) {
            // The text may leave the references out; the binary list after it always has them.
            header.setSequenceDictionary(binaryReferences(bam));
        }
        return header;
    }

    private static SAMSequenceDictionary binaryReferences(DataInputStream bam) throws IOException {
        int count = Integer.reverseBytes(bam.readInt());
        SAMSequenceDictionary dictionary = new SAMSequenceDictionary();
        for (int i = 0; i < count; i++) {
            int nameLength = Integer.reverseBytes(bam.readInt());
            if (nameLength < 1 || nameLength > 1 << 16) {
                throw new IOException("reference name length " + nameLength + " is not valid");
            }
            byte[] refName = bam.readNBytes(nameLength);
            int length = Integer.reverseBytes(bam.readInt());
            dictionary.addSequence(new SAMSequenceRecord(new String(refName, 0, nameLength - 1, StandardCharsets.US_ASCII), length));
        }
        return dictionary;
    }

    private static SAMFileHeader cramHeader(InputStream in, String name) {
        CramHeader cram = CramIO.readCramHeader(in);
        return Container.readSAMFileHeaderContainer(cram.getCRAMVersion(), in, name);
    }

    private static SAMFileHeader samHeader(InputStream in, String name) throws IOException {
        BufferedInputStream text = new BufferedInputStream(in);
        text.mark(1);
        if (text.read() != '@') {
            throw new IOException("no SAM header lines (a SAM header starts with '@')");
        }
        text.reset();
        return decodeText(text, name);
    }

    private static SAMFileHeader decodeText(InputStream text, String name) {
        SAMTextHeaderCodec codec = new SAMTextHeaderCodec();
        codec.setValidationStringency(ValidationStringency.SILENT);
        return codec.decode(new BufferedLineReader(text), name);
    }

    private static VCFHeader vcfHeader(InputStream in) {
        VCFCodec codec = new VCFCodec();
        Object header = codec.readActualHeader(new LineIteratorImpl(new SynchronousLineReader(in)));
        if (!(header instanceof VCFHeader vcf)) {
            throw new IllegalStateException("no VCF header");
        }
        return vcf;
    }

    /**
     * BCF: magic, version, then the VCF header text (NUL-terminated), inside a BGZF stream (bcftools)
     * or not compressed at all (htsjdk writes it so).
     */
    private static VCFHeader bcfHeader(InputStream in) throws IOException {
        DataInputStream bcf = new DataInputStream(maybeGunzip(in));
        requireMagic(bcf, BCF_MAGIC, "BCF");
        bcf.readUnsignedByte(); // major version
        bcf.readUnsignedByte(); // minor version
        int textLength = Integer.reverseBytes(bcf.readInt());
        if (textLength < 0 || textLength > MAX_TEXT) {
            throw new HeaderBytes.HeaderTooLarge(MAX_TEXT);
        }
        return vcfHeader(new LimitedStream(bcf, textLength));
    }

    /** The stream itself, or its gunzipped bytes when it starts like gzip (BGZF is gzip too). */
    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 8192) : buffered;
    }

    private static void requireMagic(DataInputStream in, byte[] magic, String format) throws IOException {
        byte[] start = in.readNBytes(magic.length);
        if (!Arrays.equals(start, magic)) {
            throw new IOException("not a " + format + " file (its first bytes are not the " + format + " magic)");
        }
    }

    /** The reason a header does not parse, in a few words the status can show. */
    private static String describe(HeaderFormat format, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileTruncatedException || t instanceof EOFException
                    || (t.getMessage() != null && t.getMessage().contains("Premature"))) {
                return switch (format) {
                    case BAM, BCF -> "truncated BGZF block";
                    default -> "truncated " + format.name() + " file";
                };
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        message = message.replaceAll("\\s+", " ");
        return format.name() + " header: " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    /** Values the metadata could not hold (longer than 300 bytes) are left out rather than cut. */
    private static Map<String, String> withinLimits(Map<String, String> found) {
        Map<String, String> kept = new LinkedHashMap<>();
        found.forEach((k, v) -> {
            if (v.getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_BYTES && v.indexOf('\0') < 0) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** At most {@code limit} bytes of a stream (a length-prefixed header text). */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the header text ends early");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the header text ends early");
            }
            left -= n;
            return n;
        }
    }
}
