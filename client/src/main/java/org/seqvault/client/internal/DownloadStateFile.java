package org.seqvault.client.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;

/**
 * {@code .<name>.seqvault-download} next to the target: which ranges of {@code <name>.part} are
 * complete. Written after every range, so a run killed at any point loses at most the ranges in
 * flight.
 */
final class DownloadStateFile {
    static final String SUFFIX = ".seqvault-download";

    /**
     * @param identity  the bytes being fetched ({@link DownloadSource#identity()})
     * @param size      their length
     * @param rangeSize bytes per range
     * @param done      finished ranges, as runs: {@code 0-3,5,9-12}
     */
    record State(String identity, long size, @JsonProperty("range_size") long rangeSize, String done) {
    }

    private final Path file;

    private DownloadStateFile(Path file) {
        this.file = file;
    }

    static DownloadStateFile beside(Path target) {
        return new DownloadStateFile(target.resolveSibling("." + target.getFileName() + SUFFIX));
    }

    /**
     * The ranges an earlier run finished, when it fetched the same bytes in the same ranges and
     * its partial file is still there; null otherwise.
     */
    BitSet finished(String identity, long size, long rangeSize, Path partial) {
        try {
            if (!Files.isRegularFile(file) || !Files.isRegularFile(partial) || Files.size(partial) != size) {
                return null;
            }
            State s = Json.MAPPER.readValue(file.toFile(), State.class);
            if (!identity.equals(s.identity()) || s.size() != size || s.rangeSize() != rangeSize) {
                return null;
            }
            return decode(s.done());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void write(String identity, long size, long rangeSize, BitSet done) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(new State(identity, size, rangeSize, encode(done))));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    static String encode(BitSet bits) {
        StringBuilder sb = new StringBuilder();
        for (int start = bits.nextSetBit(0); start >= 0; start = bits.nextSetBit(start)) {
            int end = bits.nextClearBit(start) - 1;
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            start = end + 1;
        }
        return sb.toString();
    }

    static BitSet decode(String runs) {
        BitSet bits = new BitSet();
        if (runs == null || runs.isBlank()) {
            return bits;
        }
        for (String run : runs.split(",")) {
            int dash = run.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? run : run.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(run.substring(dash + 1));
            bits.set(from, to + 1);
        }
        return bits;
    }
}
