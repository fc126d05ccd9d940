package org.seqvault.service.htsget;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.seqvault.service.htsget.Block.Part;

/**
 * Collects a ticket's blocks in order and keeps it short: adjacent stored ranges become one, and
 * uncompressed bytes cut from boundary blocks are gathered and compressed together (BGZF) into one
 * inline block.
 */
final class Pieces {
    private final boolean bgzf;
    private final List<Block> blocks = new ArrayList<>();
    private final ByteArrayOutputStream plain = new ByteArrayOutputStream();
    private Part plainPart;

    /** @param bgzf whether {@link #plain} bytes are compressed as BGZF (else they are passed as they are) */
    Pieces(boolean bgzf) {
        this.bgzf = bgzf;
    }

    /** Uncompressed bytes made here. */
    void plain(Part part, byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        if (plainPart != null && plainPart != part) {
            flushPlain();
        }
        plainPart = part;
        plain.write(bytes, offset, length);
    }

    /** Bytes {@code [from, to)} of the stored file. */
    void stored(Part part, long from, long to) {
        if (to <= from) {
            return;
        }
        flushPlain();
        if (!blocks.isEmpty() && blocks.getLast() instanceof Block.Stored last && last.part() == part
                && last.offset() + last.length() == from) {
            blocks.set(blocks.size() - 1, new Block.Stored(part, last.offset(), to - last.offset()));
            return;
        }
        blocks.add(new Block.Stored(part, from, to - from));
    }

    /** Bytes to send exactly as they are (an end-of-file marker). */
    void exact(Part part, byte[] bytes) {
        flushPlain();
        blocks.add(new Block.Inline(part, bytes.clone()));
    }

    List<Block> finish() {
        flushPlain();
        return List.copyOf(blocks);
    }

    private void flushPlain() {
        if (plain.size() > 0) {
            byte[] bytes = plain.toByteArray();
            blocks.add(new Block.Inline(plainPart, bgzf ? Bgzf.compress(bytes) : bytes));
            plain.reset();
        }
        plainPart = null;
    }
}
