package org.seqvault.service.htsget;

import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.samtools.util.BlockCompressedStreamConstants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * BGZF arithmetic: virtual offsets ({@code block address << 16 | offset in the block}), block
 * lengths read from their headers, and fresh blocks for bytes cut out of stored ones.
 */
final class Bgzf {
    /** The empty block that marks the end of a BGZF file. */
    static final byte[] EOF = BlockCompressedStreamConstants.EMPTY_GZIP_BLOCK.clone();

    private Bgzf() {
    }

    static long address(long virtualOffset) {
        return virtualOffset >>> 16;
    }

    static int offset(long virtualOffset) {
        return (int) (virtualOffset & 0xFFFF);
    }

    static long virtualOffset(long address, int offset) {
        return address << 16 | offset;
    }

    /** The compressed length of the block at {@code address}, from its header's BSIZE field. */
    static int blockLength(BlobInput in, long address) throws IOException {
        byte[] header = in.bytesAt(address, BlockCompressedStreamConstants.BLOCK_HEADER_LENGTH);
        if (header.length < BlockCompressedStreamConstants.BLOCK_HEADER_LENGTH
                || header[0] != BlockCompressedStreamConstants.GZIP_ID1 || (header[1] & 0xFF) != 0x8b) {
            throw new IOException(in.getSource() + ": no BGZF block at " + address);
        }
        int bsize = (header[16] & 0xFF) | (header[17] & 0xFF) << 8;
        return bsize + 1;
    }

    /**
     * Refuses a file that does not start with a BGZF block (a plain or plainly gzipped VCF, any
     * other file under a BGZF format's name): htsjdk would read such bytes as they are.
     */
    static void requireBgzf(BlobInput in, String format) throws IOException {
        byte[] h = in.bytesAt(0, BlockCompressedStreamConstants.BLOCK_HEADER_LENGTH);
        boolean bgzf = h.length == BlockCompressedStreamConstants.BLOCK_HEADER_LENGTH
                && (h[0] & 0xFF) == 0x1f && (h[1] & 0xFF) == 0x8b && (h[3] & 4) != 0 && h[12] == 'B' && h[13] == 'C';
        if (!bgzf) {
            throw new Records.NotThisFormat("a " + format + " file is BGZF-compressed (bgzip, samtools, bcftools"
                    + " write it so), and this one does not start with a BGZF block");
        }
    }

    /** The uncompressed bytes of the block at {@code address}. */
    static byte[] inflate(BlockCompressedInputStream in, long address) throws IOException {
        in.seek(virtualOffset(address, 0));
        int available = in.available();
        byte[] out = new byte[available];
        int done = 0;
        while (done < available) {
            int n = in.read(out, done, available - done);
            if (n < 0) {
                throw new IOException("BGZF block at " + address + " ends early");
            }
            done += n;
        }
        return out;
    }

    /** {@code data} as BGZF blocks, without the end-of-file marker. */
    static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try {
            BlockCompressedOutputStream bgzf = new BlockCompressedOutputStream(out, (Path) null);
            bgzf.write(data);
            bgzf.close(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }
}
