package org.seqvault.service.htsget;

import htsjdk.samtools.util.BlockCompressedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records of a BGZF format read one at a time, with only what range planning needs: the
 * reference, the first and last base they cover (1-based, inclusive; an unmapped read with a
 * position covers that one base, as htsjdk's and htslib's queries count it), where they start and
 * end in the file, and their bytes.
 */
abstract sealed class Records permits Records.Bam, Records.Vcf, Records.Bcf {
    /** A reference index no record has: a VCF line whose contig the index does not list. */
    static final int UNKNOWN_REFERENCE = -2;

    /** One record; {@code refIndex} -1 for unplaced reads. */
    record Rec(int refIndex, long first, long last, long virtualStart, long virtualEnd, byte[] bytes) {
    }

    /** The header: where the first record starts and the references in the order the index numbers them. */
    record Header(long end, List<String> names, List<Long> lengths) {
        Header {
            names = List.copyOf(names);
            lengths = List.copyOf(lengths);
        }

        Map<String, Integer> ids() {
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                ids.putIfAbsent(names.get(i), i);
            }
            return ids;
        }

        /** The reference's length, 0 when the header does not say. */
        long length(int refIndex) {
            return refIndex < lengths.size() ? lengths.get(refIndex) : 0;
        }
    }

    abstract Header header(BlockCompressedInputStream in) throws IOException;

    /** The record at the stream's position, or null at the end of the data. */
    abstract Rec next(BlockCompressedInputStream in) throws IOException;

    static Records of(HtsFormat format, Map<String, Integer> vcfContigs) {
        return switch (format) {
            case BAM -> new Bam();
            case VCF -> new Vcf(vcfContigs);
            case BCF -> new Bcf();
            case CRAM -> throw new IllegalArgumentException("CRAM is not BGZF");
        };
    }

    // ---- BAM --------------------------------------------------------------------------------

    static final class Bam extends Records {
        private static final int FLAG_UNMAPPED = 4;

        @Override
        Header header(BlockCompressedInputStream in) throws IOException {
            in.seek(0);
            byte[] magic = readFully(in, 4);
            if (magic == null || magic[0] != 'B' || magic[1] != 'A' || magic[2] != 'M' || magic[3] != 1) {
                throw new NotThisFormat("the file does not start with the BAM magic number");
            }
            skip(in, uint32(in));
            int refs = (int) uint32(in);
            List<String> names = new ArrayList<>(refs);
            List<Long> lengths = new ArrayList<>(refs);
            for (int i = 0; i < refs; i++) {
                byte[] name = readFully(in, (int) uint32(in));
                names.add(new String(name, 0, Math.max(0, name.length - 1), StandardCharsets.UTF_8));
                lengths.add(uint32(in));
            }
            return new Header(in.getFilePointer(), names, lengths);
        }

        @Override
        Rec next(BlockCompressedInputStream in) throws IOException {
            long start = in.getFilePointer();
            byte[] size = readFully(in, 4);
            if (size == null) {
                return null;
            }
            int blockSize = ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] body = readFully(in, blockSize);
            if (body == null || blockSize < 32) {
                throw new IOException("truncated BAM record at virtual offset " + start);
            }
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            int refId = b.getInt(0);
            long first = b.getInt(4) + 1L;
            int nameLength = b.get(8) & 0xFF;
            int cigarOps = b.getShort(12) & 0xFFFF;
            int flag = b.getShort(14) & 0xFFFF;
            long last = first;
            if ((flag & FLAG_UNMAPPED) == 0) {
                long span = 0;
                for (int i = 0; i < cigarOps; i++) {
                    int op = b.getInt(32 + nameLength + 4 * i);
                    int kind = op & 0xF;
                    if (kind == 0 || kind == 2 || kind == 3 || kind == 7 || kind == 8) { // M D N = X
                        span += op >>> 4;
                    }
                }
                last = first + Math.max(span, 1) - 1;
            }
            byte[] whole = new byte[4 + blockSize];
            System.arraycopy(size, 0, whole, 0, 4);
            System.arraycopy(body, 0, whole, 4, blockSize);
            return new Rec(refId, first, last, start, in.getFilePointer(), whole);
        }
    }

    // ---- VCF (bgzipped text) ----------------------------------------------------------------

    static final class Vcf extends Records {
        private final Map<String, Integer> contigs;

        /** @param contigs the tabix index's reference names and numbers */
        Vcf(Map<String, Integer> contigs) {
            this.contigs = contigs;
        }

        /**
         * The header's end, and the references in the index's numbering followed by those the
         * header's {@code ##contig} lines name without records (which the index does not list): a
         * region of one of those is empty, not an unknown reference.
         */
        @Override
        Header header(BlockCompressedInputStream in) throws IOException {
            in.seek(0);
            long lineStart;
            List<String> headerContigs = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (true) {
                lineStart = in.getFilePointer();
                int c = in.read();
                if (c != '#') {
                    break;
                }
                line.reset();
                line.write(c);
                while ((c = in.read()) >= 0 && c != '\n') {
                    line.write(c);
                }
                contigId(line.toString(StandardCharsets.UTF_8)).ifPresent(headerContigs::add);
                if (c < 0) {
                    lineStart = in.getFilePointer();
                    break;
                }
            }
            if (lineStart == 0) {
                throw new NotThisFormat("the file does not start with a VCF header");
            }
            List<String> names = new ArrayList<>(contigs.size());
            contigs.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> names.add(e.getKey()));
            headerContigs.stream().filter(n -> !contigs.containsKey(n)).distinct().forEach(names::add);
            return new Header(lineStart, names, List.of());
        }

        private static Optional<String> contigId(String headerLine) {
            List<String> ids = headerLine.startsWith("##contig=<") ? BcfContigs.names(headerLine) : List.of();
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.getLast());
        }

        @Override
        Rec next(BlockCompressedInputStream in) throws IOException {
            long start = in.getFilePointer();
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int c;
            while ((c = in.read()) >= 0) {
                line.write(c);
                if (c == '\n') {
                    break;
                }
            }
            if (line.size() == 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            String[] cols = new String(bytes, StandardCharsets.UTF_8).split("\t", 9);
            if (cols.length < 8) {
                throw new IOException("VCF line at virtual offset " + start + " has fewer than 8 columns");
            }
            long pos = Long.parseLong(cols[1]);
            long last = pos + Math.max(1, cols[3].length()) - 1;
            for (String info : cols[7].split(";")) {
                if (info.startsWith("END=")) {
                    last = Long.parseLong(info.substring(4).trim());
                }
            }
            int ref = contigs.getOrDefault(cols[0], UNKNOWN_REFERENCE);
            return new Rec(ref, pos, last, start, in.getFilePointer(), bytes);
        }
    }

    // ---- BCF ----------------------------------------------------------------------------------

    static final class Bcf extends Records {
        @Override
        Header header(BlockCompressedInputStream in) throws IOException {
            in.seek(0);
            byte[] magic = readFully(in, 5);
            if (magic == null || magic[0] != 'B' || magic[1] != 'C' || magic[2] != 'F' || magic[3] != 2) {
                throw new NotThisFormat("the file does not start with the BCF2 magic number");
            }
            byte[] text = readFully(in, (int) uint32(in));
            if (text == null) {
                throw new IOException("truncated BCF header");
            }
            List<String> names = BcfContigs.names(new String(text, StandardCharsets.UTF_8));
            return new Header(in.getFilePointer(), names, List.of());
        }

        @Override
        Rec next(BlockCompressedInputStream in) throws IOException {
            long start = in.getFilePointer();
            byte[] lengths = readFully(in, 8);
            if (lengths == null) {
                return null;
            }
            ByteBuffer l = ByteBuffer.wrap(lengths).order(ByteOrder.LITTLE_ENDIAN);
            long shared = Integer.toUnsignedLong(l.getInt(0));
            long indiv = Integer.toUnsignedLong(l.getInt(4));
            if (shared < 12 || shared + indiv > Integer.MAX_VALUE - 8) {
                throw new IOException("bad BCF record lengths at virtual offset " + start);
            }
            byte[] body = readFully(in, (int) (shared + indiv));
            if (body == null) {
                throw new IOException("truncated BCF record at virtual offset " + start);
            }
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            int ref = b.getInt(0);
            long first = b.getInt(4) + 1L;
            long last = first + Math.max(1, b.getInt(8)) - 1;
            byte[] whole = new byte[8 + body.length];
            System.arraycopy(lengths, 0, whole, 0, 8);
            System.arraycopy(body, 0, whole, 8, body.length);
            return new Rec(ref, first, last, start, in.getFilePointer(), whole);
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /** A file whose first bytes are not those of the format its name says. */
    static final class NotThisFormat extends IOException {
        NotThisFormat(String message) {
            super(message);
        }
    }

    /** {@code n} bytes, or null when the data ends before the first of them. */
    static byte[] readFully(BlockCompressedInputStream in, int n) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int r = in.read(out, done, n - done);
            if (r < 0) {
                if (done == 0) {
                    return null;
                }
                throw new IOException("data ends inside a record");
            }
            done += r;
        }
        return out;
    }

    static long uint32(BlockCompressedInputStream in) throws IOException {
        byte[] b = readFully(in, 4);
        if (b == null) {
            throw new IOException("data ends inside the header");
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    private static void skip(BlockCompressedInputStream in, long n) throws IOException {
        byte[] buffer = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("data ends inside the header");
            }
            left -= r;
        }
    }
}
