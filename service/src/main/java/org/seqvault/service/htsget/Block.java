package org.seqvault.service.htsget;

/**
 * One piece of a ticket, in the order a client concatenates them: bytes of the stored file
 * ({@link Stored}, handed out as a presigned Range URL) or bytes made here ({@link Inline}, handed
 * out as a {@code data:} URI), each of the header or the body class.
 */
public sealed interface Block {
    /** htsget's two classes of data block. */
    enum Part { HEADER, BODY }

    Part part();

    /** Bytes {@code [offset, offset + length)} of the stored file. */
    record Stored(Part part, long offset, long length) implements Block {
        public Stored {
            if (offset < 0 || length <= 0) {
                throw new IllegalArgumentException("bad stored range " + offset + "+" + length);
            }
        }
    }

    /** Bytes made by the server: re-compressed parts of boundary blocks, end-of-file markers. */
    record Inline(Part part, byte[] bytes) implements Block {
    }
}
