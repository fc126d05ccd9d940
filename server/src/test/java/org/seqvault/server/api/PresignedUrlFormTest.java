package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The golden files' presigned-URL rewriting accepts each backend's exact shape and nothing else. */
class PresignedUrlFormTest {
    private static final String SIG = "sig=" + "A".repeat(43);
    private static final String UPLOAD = "up_abcdefghijklmnop";
    private final PresignedUrlForm files = new PresignedUrlForm.Files("http://127.0.0.1:8080");
    private final PresignedUrlForm s3 = new PresignedUrlForm.S3("http://127.0.0.1:8080",
            URI.create("http://127.0.0.1:9000"), "bucket", "api-1/", "AKID", "us-east-1");

    @Test
    void localFileUrls() {
        assertThat(files.neutralise("\"http://127.0.0.1:8080/_blob/dl/0123456789abcdef01234567/a%20b.vcf?exp=1&kid=k1&"
                + SIG + "\"")).isEqualTo("\"<presigned GET of a b.vcf>\"");
        assertThat(files.neutralise("\"http://127.0.0.1:8080/_blob/up/" + UPLOAD + "/3?exp=1&kid=k1&" + SIG + "\""))
                .isEqualTo("\"<presigned PUT of " + UPLOAD + " part 3>\"");
        assertUnchanged(files, "http://127.0.0.1:8081/_blob/up/" + UPLOAD + "/3?exp=1&kid=k1&" + SIG, "another port");
        assertUnchanged(files, "http://127.0.0.1:8080/_blob/up/" + UPLOAD + "/3?exp=1&kid=k1", "no signature");
        assertUnchanged(files, "http://127.0.0.1:8080/_blob/up/" + UPLOAD + "/0?exp=1&kid=k1&" + SIG, "part 0");
        assertUnchanged(files, "http://127.0.0.1:8080/v2/files/0123456789abcdef01234567", "an href");
    }

    @Test
    void s3Urls() {
        String sigv4 = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261122T210000Z&X-Amz-SignedHeaders=host"
                + "&X-Amz-Credential=AKID%2F20261122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=3600"
                + "&X-Amz-Signature=" + "0a".repeat(32);
        String object = "http://127.0.0.1:9000/bucket/api-1/blobs/" + UPLOAD;
        // Downloads are SeqVault's own URLs on S3 too (they redirect to the object store).
        assertThat(s3.neutralise("\"http://127.0.0.1:8080/_blob/dl/0123456789abcdef01234567/a%20b.vcf?exp=1&kid=k1&"
                + SIG + "\"")).isEqualTo("\"<presigned GET of a b.vcf>\"");
        String storeDownload = object + "?response-content-disposition=attachment%3B%20filename%2A%3DUTF-8%27%27a%2520b.vcf"
                + "&response-content-type=application%2Foctet-stream&" + sigv4;
        // htsget tickets on S3 hand out the object store's own GETs: named by their attachment file name.
        assertThat(s3.neutralise("\"" + storeDownload + "\"")).isEqualTo("\"<presigned GET of a b.vcf>\"");
        assertUnchanged(s3, storeDownload.replace("response-content-type", "response-cache-control"),
                "a GET with another response parameter");
        assertThat(s3.neutralise("\"" + object + "?uploadId=xyz&partNumber=2&" + sigv4 + "\""))
                .isEqualTo("\"<presigned PUT of " + UPLOAD + " part 2>\"");
        assertUnchanged(s3, object.replace("api-1", "api-2") + "?uploadId=xyz&partNumber=2&" + sigv4, "another prefix");
        assertUnchanged(s3, object + "?uploadId=xyz&partNumber=2&" + sigv4.replace("=host", "=host%3Bx-amz-acl"),
                "more signed headers");
        assertUnchanged(s3, object + "?uploadId=xyz&partNumber=2&" + sigv4.replace("us-east-1", "eu-west-1"),
                "another region");
        assertUnchanged(s3, object + "?uploadId=xyz&partNumber=2&acl=x&" + sigv4, "an extra parameter");
        assertUnchanged(s3, object + "?uploadId=xyz&partNumber=2", "unsigned");
    }

    private static void assertUnchanged(PresignedUrlForm form, String url, String why) {
        assertThat(form.neutralise("\"" + url + "\"")).as(why).isEqualTo("\"" + url + "\"");
    }
}
