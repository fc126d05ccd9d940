package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * The web file browser's page and assets as the server serves them: a strict CSP on both, the
 * page revalidated every time, hashed assets cached for a year, and nothing but a plain asset name
 * accepted (no path, no other resource of the class path).
 */
class WebAssetsTest {
    private static final String POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'; connect-src 'self'";
    static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(Backend.SQLITE_AND_FILES);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void thePageIsRevalidatedEveryTimeUnderAStrictPolicyAndHasNoInlineScript() {
        TestHttp.Response page = fx.http.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(POLICY);
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String html = new String(page.bytes(), StandardCharsets.UTF_8);
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        assertThat(html).doesNotContain("style=");
    }

    /** On S3 the page PUTs parts to and reads ranges from the object store: its origin joins connect-src. */
    @Test
    void onS3ThePageMayCallTheObjectStoreAndNothingElse() {
        try (ServerFixture s3 = new ServerFixture(Backend.POSTGRES_AND_S3)) {
            String endpoint = S3TestServer.shared().endpoint().toString();
            assertThat(s3.http.get("/", null).header("Content-Security-Policy")).isEqualTo(POLICY + " " + endpoint);
        }
    }

    @Test
    void hashedAssetsAreCachedForAYearWithTheirType() {
        String html = new String(fx.http.get("/", null).bytes(), StandardCharsets.UTF_8);
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        Matcher style = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(html);
        assertThat(script.find()).as(html).isTrue();
        assertThat(style.find()).as(html).isTrue();
        TestHttp.Response js = fx.http.get(script.group(1), null);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(js.header("Content-Security-Policy")).isEqualTo(POLICY);
        TestHttp.Response css = fx.http.get(style.group(1), null);
        assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void aMissingAssetIsA404AndNothingButAPlainNameIsServed() {
        TestHttp.Response miss = fx.http.get("/assets/nothing-like-this.js", null);
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.json().path("error").path("message").asText()).contains("no such asset");
        // Encoded slashes are refused by Jetty (400) or by the name check (404): never a class path resource.
        for (String path : new String[] {"/assets/..%2Findex.html", "/assets/..%2F..%2Forg%2Fseqvault%2Fapi%2FHttpApi.class",
                "/assets/.hidden", "/assets/%2E%2E"}) {
            TestHttp.Response refused = fx.http.get(path, null);
            assertThat(refused.status()).as(path).isIn(400, 404);
            assertThat(refused.header("Cache-Control")).as(path).isNull();
        }
    }
}
