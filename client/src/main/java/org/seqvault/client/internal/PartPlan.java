package org.seqvault.client.internal;

/**
 * How a file is cut into parts (uploads) or ranges (downloads): a fixed minimum, grown for
 * large files so that no file up to 5 TiB needs more than 10,000 pieces.
 */
public final class PartPlan {
    public static final int MAX_PIECES = 10_000;
    /** Uploads: as the Seven Bridges client, and few enough requests for the per-token rate limit. */
    public static final long MIN_PART = 32L << 20;
    /** Downloads: ranges are cheaper (no request to the API per range), so smaller ones resume finer. */
    public static final long MIN_RANGE = 16L << 20;
    private static final long MIB = 1L << 20;

    private PartPlan() {
    }

    /** Part size for an upload; {@code requested} 0 means automatic. */
    public static long partSize(long fileSize, long requested) {
        return pieceSize(fileSize, requested > 0 ? requested : MIN_PART, requested > 0);
    }

    /** Range size for a download; {@code requested} 0 means automatic. */
    public static long rangeSize(long fileSize, long requested) {
        return pieceSize(fileSize, requested > 0 ? requested : MIN_RANGE, requested > 0);
    }

    /** How many pieces of {@code pieceSize} make up {@code fileSize}; an empty file is one empty part. */
    public static int count(long fileSize, long pieceSize) {
        return (int) Math.max(1, ceilDiv(fileSize, pieceSize));
    }

    /** Offset of piece {@code n} (1-based). */
    public static long offset(int n, long pieceSize) {
        return (n - 1) * pieceSize;
    }

    /** Length of piece {@code n} (1-based): the last one holds the rest. */
    public static long length(int n, long pieceSize, long fileSize) {
        return Math.max(0, Math.min(pieceSize, fileSize - offset(n, pieceSize)));
    }

    private static long pieceSize(long fileSize, long minimum, boolean exact) {
        long needed = ceilDiv(fileSize, MAX_PIECES);
        if (!exact) {
            needed = ceilDiv(needed, MIB) * MIB;
        }
        return Math.max(minimum, needed);
    }

    private static long ceilDiv(long a, long b) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
