package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationTest {
    @Test
    void aBucketAloneHasAnEmptyPrefix() {
        assertThat(S3Location.parse("s3://genomes")).isEqualTo(new S3Location("genomes", ""));
    }

    @Test
    void aPrefixIsNormalisedToEndInOneSlash() {
        assertThat(S3Location.parse("s3://genomes/seqvault/prod/").prefix()).isEqualTo("seqvault/prod/");
        assertThat(S3Location.parse("s3://genomes/seqvault").prefix()).isEqualTo("seqvault/");
        assertThat(S3Location.parse("s3://genomes/").prefix()).isEmpty();
        assertThat(S3Location.parse("s3://genomes/seqvault/prod").toString()).isEqualTo("s3://genomes/seqvault/prod");
    }

    @Test
    void otherSchemesAndBadBucketNamesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> S3Location.parse("file:/data")).hasMessageContaining("s3://bucket[/prefix]");
        assertThatThrownBy(() -> S3Location.parse("s3://Genomes")).hasMessageContaining("bucket name");
        assertThatThrownBy(() -> S3Location.parse("s3://ab")).hasMessageContaining("bucket name");
        assertThatThrownBy(() -> S3Location.parse("s3://genomes/a//b")).hasMessageContaining("empty segments");
    }

    @Test
    void anEndpointWithoutARegionSignsForUsEast1() {
        assertThat(S3Settings.of("s3://genomes", "http://127.0.0.1:9000", null, true).effectiveRegion())
                .isEqualTo("us-east-1");
        assertThat(S3Settings.of("s3://genomes", "", "eu-west-1", false).effectiveRegion()).isEqualTo("eu-west-1");
        assertThat(S3Settings.of("s3://genomes", null, " ", false).effectiveRegion()).isNull();
        assertThat(S3Settings.of("s3://genomes", "http://minio:9000", null, true).endpoint())
                .isEqualTo(URI.create("http://minio:9000"));
        assertThatThrownBy(() -> S3Settings.of("s3://genomes", "minio:9000", null, true))
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void partLocatorsRoundTripAndRefuseNonsense() {
        PartLocator locator = new PartLocator("2~abc.def_GHI-jkl", 1, 3);

        assertThat(PartLocator.parse(locator.render())).isEqualTo(locator);
        assertThat(PartLocator.single("x", 7).render()).isEqualTo("7-7@x");
        assertThatThrownBy(() -> PartLocator.parse("7.0123456789abcdef")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartLocator("x", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartLocator("x", 1, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
