package org.seqvault.service.htsget;

import htsjdk.samtools.cram.structure.CRAMCompressionRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the mate links of a CRAM slice true when some of its records are dropped. CRAM may store a
 * pair inside one slice "attached": the first mate says how many records later its mate comes, and
 * the mate's details are derived from it instead of being written. A link survives as it is when
 * both mates are kept and no record between them is dropped (the count is unchanged); otherwise the
 * mate details are restored from the pair, as a reader would, and the kept mates are written
 * detached, carrying those details themselves.
 */
final class MateLinks {
    private MateLinks() {
    }

    /**
     * The records flagged in {@code kept}, in order, with broken links detached; empty when a broken
     * link is part of a chain of more than two records (cut safely only by keeping them all), or
     * when the compression header cannot write detached mates ({@code canDetach} false).
     */
    static Optional<List<CRAMCompressionRecord>> keep(List<CRAMCompressionRecord> records, boolean[] kept,
                                                      boolean canDetach) {
        int n = records.size();
        int[] next = new int[n];
        int[] previous = new int[n];
        Arrays.fill(next, -1);
        Arrays.fill(previous, -1);
        int[] droppedBefore = new int[n + 1];
        for (int i = 0; i < n; i++) {
            droppedBefore[i + 1] = droppedBefore[i] + (kept[i] ? 0 : 1);
            CRAMCompressionRecord r = records.get(i);
            if (!r.isDetached() && r.isHasMateDownStream()) {
                int mate = i + r.getRecordsToNextFragment() + 1;
                if (mate <= i || mate >= n) {
                    return Optional.empty();
                }
                next[i] = mate;
                previous[mate] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            int mate = next[i];
            if (mate < 0 || !(kept[i] || kept[mate])) {
                continue;
            }
            boolean intact = kept[i] && kept[mate] && droppedBefore[mate] == droppedBefore[i + 1];
            if (intact) {
                continue;
            }
            if (!canDetach || previous[i] >= 0 || next[mate] >= 0) {
                return Optional.empty();
            }
            CRAMCompressionRecord first = records.get(i);
            CRAMCompressionRecord second = records.get(mate);
            first.setNextSegment(second);
            second.setPreviousSegment(first);
            first.restoreMateInfo();
            first.setNextSegment(null);
            second.setPreviousSegment(null);
            first.setToDetachedState();
            second.setToDetachedState();
        }
        List<CRAMCompressionRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                out.add(records.get(i));
            }
        }
        return Optional.of(out);
    }
}
