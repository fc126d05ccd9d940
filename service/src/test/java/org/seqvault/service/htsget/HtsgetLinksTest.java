package org.seqvault.service.htsget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/** Which files have an htsget URL (for the DRS object's access method), and how regions validate. */
class HtsgetLinksTest {
    private static final String BASE = "https://files.example.org";

    @Test
    void indexedBamCramVcfAndBcfFilesHaveAnHtsgetUrlOfTheirEndpoint() {
        assertThat(HtsgetLinks.urlOf(file("a1", "x.bam"), List.of(file("i1", "x.bam.bai")), BASE))
                .contains(BASE + "/ga4gh/htsget/v1/reads/a1");
        assertThat(HtsgetLinks.urlOf(file("a2", "x.cram"), List.of(file("i2", "x.crai")), BASE))
                .contains(BASE + "/ga4gh/htsget/v1/reads/a2");
        assertThat(HtsgetLinks.urlOf(file("a3", "x.vcf.gz"), List.of(file("i3", "x.vcf.gz.tbi")), BASE))
                .contains(BASE + "/ga4gh/htsget/v1/variants/a3");
        assertThat(HtsgetLinks.urlOf(file("a4", "x.bcf"), List.of(file("i4", "x.bcf.csi")), BASE))
                .contains(BASE + "/ga4gh/htsget/v1/variants/a4");
    }

    @Test
    void filesWithoutAFittingIndexOrOfOtherFormatsHaveNone() {
        assertThat(HtsgetLinks.urlOf(file("a1", "x.bam"), List.of(), BASE)).isEmpty();
        assertThat(HtsgetLinks.urlOf(file("a2", "x.bcf"), List.of(file("i2", "x.bcf.tbi")), BASE)).isEmpty();
        assertThat(HtsgetLinks.urlOf(file("a3", "x.vcf"), List.of(file("i3", "x.vcf.tbi")), BASE)).isEmpty();
        assertThat(HtsgetLinks.urlOf(file("a4", "x.sam"), List.of(file("i4", "x.sam.bai")), BASE)).isEmpty();
    }

    @Test
    void regionsAreCheckedInHtsgetTerms() {
        Region r = new Region("chr1", 999L, 2000L);
        assertThat(r.firstBase()).isEqualTo(1000);
        assertThat(r.lastBase()).isEqualTo(2000);
        assertThat(Region.whole("chr1").lastBase()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> new Region("chr1", 20L, 10L)).isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).problem()).isEqualTo(Problem.INVALID_RANGE));
        assertThatThrownBy(() -> new Region("chr1", -1L, null)).isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).problem()).isEqualTo(Problem.INVALID_REQUEST));
        assertThatThrownBy(() -> new Region("*", 0L, 10L)).isInstanceOf(UserException.class)
                .hasMessageContaining("no coordinates");
        assertThat(new Region("chr1", 5L, 5L).firstBase()).as("an empty range").isGreaterThan(5);
    }

    private static Node file(String id, String name) {
        return new Node(id, "p1", "f1", name, NodeType.FILE, name, "blob-" + id, 10, null, null, null, null, null, null,
                Instant.EPOCH, Instant.EPOCH);
    }
}
