package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqvault.service.port.Clock;
import org.seqvault.testkit.stores.S3TestServer;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket CORS rule the server sets for its web page, and where browsers are sent. S3Proxy has
 * no bucket CORS (it answers GetBucketCors 501), so what is written is checked as the rules list
 * {@link S3BucketCors#allow} would put, and against S3Proxy only that a refusal reaches the caller.
 */
class S3BucketCorsTest {
    private static final String ORIGIN = "https://seqvault.lab.example";

    @Test
    void aBucketWithoutRulesGetsOneForTheOriginWithWhatThePageNeeds() {
        List<CORSRule> rules = S3BucketCors.rulesAllowing(List.of(), ORIGIN).orElseThrow();
        assertThat(rules).hasSize(1);
        CORSRule rule = rules.getFirst();
        assertThat(rule.allowedOrigins()).containsExactly(ORIGIN);
        assertThat(rule.allowedMethods()).containsExactly("GET", "PUT", "HEAD");
        assertThat(rule.allowedHeaders()).containsExactly("Range", "Content-Type");
        assertThat(rule.exposeHeaders()).containsExactly("ETag", "Content-Range", "Content-Length");
        assertThat(S3BucketCors.covers(rule, ORIGIN)).isTrue();
    }

    @Test
    void theRulesAlreadyThereAreKeptAndOursIsAddedBesideThem() {
        CORSRule other = CORSRule.builder().allowedOrigins("https://other.example").allowedMethods("GET").build();
        CORSRule getOnly = CORSRule.builder().allowedOrigins(ORIGIN).allowedMethods("GET", "HEAD")
                .allowedHeaders("*").exposeHeaders("ETag", "Content-Range", "Content-Length").build();
        List<CORSRule> rules = S3BucketCors.rulesAllowing(List.of(other, getOnly), ORIGIN).orElseThrow();
        assertThat(rules).hasSize(3);
        assertThat(rules.subList(0, 2)).containsExactly(other, getOnly);
        assertThat(rules.get(2).allowedOrigins()).containsExactly(ORIGIN);
    }

    @Test
    void nothingIsWrittenWhenARuleAlreadyAllowsThePage() {
        CORSRule wide = CORSRule.builder().allowedOrigins("https://*.example").allowedMethods("post", "get", "put", "head")
                .allowedHeaders("*").exposeHeaders("etag", "content-range", "content-length", "x-amz-request-id").build();
        assertThat(S3BucketCors.rulesAllowing(List.of(wide), "https://seqvault.lab.example")).isEmpty();
        // The same rule for a page elsewhere does not count.
        assertThat(S3BucketCors.rulesAllowing(List.of(wide), "https://seqvault.lab.example.org")).isPresent();
        CORSRule noExpose = wide.toBuilder().exposeHeaders("ETag").build();
        assertThat(S3BucketCors.rulesAllowing(List.of(noExpose), ORIGIN)).isPresent();
        CORSRule noRange = wide.toBuilder().allowedHeaders("Content-Type").build();
        assertThat(S3BucketCors.rulesAllowing(List.of(noRange), ORIGIN)).isPresent();
    }

    @Test
    void anOriginIsSchemeHostAndPortAsBrowsersSendIt() {
        assertThat(S3BucketCors.originOf(URI.create("https://SeqVault.Lab.example:443/base/"))).isEqualTo(ORIGIN);
        assertThat(S3BucketCors.originOf(URI.create("http://127.0.0.1:8080"))).isEqualTo("http://127.0.0.1:8080");
        assertThat(S3BucketCors.originOf(URI.create("http://host:80/x?y"))).isEqualTo("http://host");
    }

    @Test
    void browsersAreSentToTheEndpointPathStyleOrToTheBucketsVirtualHost() {
        S3TestServer s3 = S3TestServer.shared();
        String endpoint = s3.endpoint().toString();
        assertThat(S3TestStores.store(s3, "cors", Clock.system()).browserOrigin()).contains(endpoint);
        S3Settings virtualHost = new S3Settings(new S3Location(S3TestServer.BUCKET, "cors"),
                URI.create("https://objects.lab.example:9443"), S3TestServer.REGION, false);
        assertThat(S3BlobStore.open(virtualHost, s3.credentials(), Clock.system()).browserOrigin())
                .contains("https://" + S3TestServer.BUCKET + ".objects.lab.example:9443");
    }

    @Test
    void aStoreWithoutBucketCorsRefusesAndTheCallerHearsOfIt() {
        S3TestServer s3 = S3TestServer.shared();
        S3BlobStore store = S3TestStores.store(s3, "cors", Clock.system());
        assertThatThrownBy(() -> store.allowBrowsersFrom(ORIGIN)).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(501));
    }
}
