package org.seqvault.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartPlanTest {
    static final long MIB = 1L << 20;
    static final long TIB = 1L << 40;

    @Test
    void smallFilesAreOnePartAndEmptyFilesOneEmptyPart() {
        assertThat(PartPlan.partSize(0, 0)).isEqualTo(32 * MIB);
        assertThat(PartPlan.count(0, 32 * MIB)).isEqualTo(1);
        assertThat(PartPlan.length(1, 32 * MIB, 0)).isZero();
        assertThat(PartPlan.count(32 * MIB, PartPlan.partSize(32 * MIB, 0))).isEqualTo(1);
        assertThat(PartPlan.count(32 * MIB + 1, PartPlan.partSize(32 * MIB + 1, 0))).isEqualTo(2);
    }

    @Test
    void partsGrowSoThatFiveTebibytesFitInTenThousandParts() {
        for (long size : new long[] {5 * TIB, 5 * TIB - 1, 400L << 30, 320L << 30}) {
            long part = PartPlan.partSize(size, 0);
            assertThat(PartPlan.count(size, part)).isLessThanOrEqualTo(10_000);
            assertThat(part % MIB).as("whole MiB").isZero();
        }
        assertThat(PartPlan.partSize(5 * TIB, 0)).isEqualTo(525 * MIB);
        assertThat(PartPlan.partSize(5 * TIB, MIB)).as("a requested size too small is raised")
                .isEqualTo((5 * TIB + 9_999) / 10_000);
    }

    @Test
    void piecesCoverTheFileExactly() {
        long size = 10 * MIB + 3;
        long part = 4 * MIB;
        long sum = 0;
        for (int n = 1; n <= PartPlan.count(size, part); n++) {
            assertThat(PartPlan.offset(n, part)).isEqualTo(sum);
            sum += PartPlan.length(n, part, size);
        }
        assertThat(sum).isEqualTo(size);
        assertThat(PartPlan.length(3, part, size)).isEqualTo(2 * MIB + 3);
    }
}
