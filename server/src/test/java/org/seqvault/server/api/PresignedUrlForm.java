package org.seqvault.server.api;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a backend's presigned URLs look like, so golden files can hold one backend-neutral form:
 * {@code <presigned GET of sample.vcf>} or {@code <presigned PUT of up_… part 2>}. Downloads are
 * SeqVault's own URLs on every backend ({@code /_blob/dl/{fileId}/{name}?exp&kid&sig}), but for
 * htsget tickets on S3, which hand out the object store's own SigV4 GETs; part uploads are
 * SeqVault's URLs on local files, while on S3 they point at the object store and carry SigV4
 * query parameters. A URL is rewritten only when it has exactly its backend's shape (host, path,
 * every query parameter); anything else stays as it is and fails the golden comparison. That the
 * URLs work is checked by the tests that fetch and PUT through them.
 */
abstract class PresignedUrlForm {
    private static final Pattern JSON_URL = Pattern.compile("\"(https?://[^\"\\s]+)\"");
    private static final Pattern UPLOAD_ID = Pattern.compile("up_[a-z2-7]{16}");
    private static final Pattern SERVER_DOWNLOAD = Pattern.compile("/_blob/dl/[0-9a-f]{24}/([^/]+)");
    private static final Pattern SERVER_SIGNED = Pattern.compile("exp=[0-9]+&kid=[A-Za-z0-9_-]+&sig=[A-Za-z0-9_-]{43}");

    /** Replaces every presigned URL (a JSON string) in {@code json} by its neutral form. */
    final String neutralise(String json) {
        Matcher m = JSON_URL.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = neutral(URI.create(m.group(1))).map(n -> "\"" + n + "\"").orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The neutral form of a URL this backend presigns, or empty for any other URL. */
    abstract Optional<String> neutral(URI url);

    static String download(String fileName) {
        return "<presigned GET of " + fileName + ">";
    }

    static String partUpload(String uploadId, String partNumber) {
        return "<presigned PUT of " + uploadId + " part " + partNumber + ">";
    }

    static boolean isUploadId(String s) {
        return UPLOAD_ID.matcher(s).matches();
    }

    static boolean isPartNumber(String s) {
        return s.matches("[1-9][0-9]{0,4}");
    }

    static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The query's parameters, decoded; empty when a name repeats. */
    static Optional<Map<String, String>> query(URI url) {
        Map<String, String> params = new LinkedHashMap<>();
        if (url.getRawQuery() == null) {
            return Optional.of(params);
        }
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (params.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1))) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    static boolean sameOrigin(URI url, URI origin) {
        return url.getScheme().equals(origin.getScheme()) && url.getHost().equals(origin.getHost())
                && url.getPort() == origin.getPort();
    }

    /** True for a URL SeqVault signed itself: on {@code server}, with exactly exp, kid and sig. */
    static boolean signedByServer(URI url, URI server) {
        return sameOrigin(url, server) && url.getRawQuery() != null
                && SERVER_SIGNED.matcher(url.getRawQuery()).matches();
    }

    /** The neutral form of SeqVault's download URL {@code /_blob/dl/{fileId}/{name}}, the same on every backend. */
    static Optional<String> serverDownload(URI url, URI server) {
        Matcher dl = SERVER_DOWNLOAD.matcher(url.getRawPath());
        return signedByServer(url, server) && dl.matches() ? Optional.of(download(decode(dl.group(1))))
                : Optional.empty();
    }

    /** SeqVault's own blob routes: {@code /_blob/dl/{fileId}/{name}} and {@code /_blob/up/{uploadId}/{part}}. */
    static final class Files extends PresignedUrlForm {
        private static final Pattern UPLOAD = Pattern.compile("/_blob/up/([^/]+)/([^/]+)");
        private final URI server;

        Files(String publicUrl) {
            this.server = URI.create(publicUrl);
        }

        @Override
        Optional<String> neutral(URI url) {
            Optional<String> download = serverDownload(url, server);
            if (download.isPresent() || !signedByServer(url, server)) {
                return download;
            }
            Matcher up = UPLOAD.matcher(url.getRawPath());
            if (up.matches() && isUploadId(up.group(1)) && isPartNumber(up.group(2))) {
                return Optional.of(partUpload(up.group(1), up.group(2)));
            }
            return Optional.empty();
        }
    }

    /**
     * SDK-presigned S3 part URLs, path-style: {@code {endpoint}/{bucket}/{prefix}blobs/{id}} with
     * SigV4 query parameters signing the host header only, naming the multipart upload and part
     * number. Downloads are SeqVault's own URLs, which redirect to S3.
     */
    static final class S3 extends PresignedUrlForm {
        private static final Set<String> SIGV4 = Set.of("X-Amz-Algorithm", "X-Amz-Date", "X-Amz-SignedHeaders",
                "X-Amz-Credential", "X-Amz-Expires", "X-Amz-Signature");
        private final URI server;
        private final URI endpoint;
        private final String blobsPath;
        private final Pattern credential;

        /** @param keyPrefix the store's key prefix, "" or ending in '/' */
        S3(String publicUrl, URI endpoint, String bucket, String keyPrefix, String accessKey, String region) {
            this.server = URI.create(publicUrl);
            this.endpoint = endpoint;
            this.blobsPath = "/" + bucket + "/" + keyPrefix + "blobs/";
            this.credential = Pattern.compile(Pattern.quote(accessKey) + "/[0-9]{8}/" + Pattern.quote(region)
                    + "/s3/aws4_request");
        }

        @Override
        Optional<String> neutral(URI url) {
            Optional<String> download = serverDownload(url, server);
            if (download.isPresent()) {
                return download;
            }
            String path = url.getRawPath();
            Optional<Map<String, String>> query = query(url);
            if (!sameOrigin(url, endpoint) || !path.startsWith(blobsPath) || query.isEmpty() || !signed(query.get())) {
                return Optional.empty();
            }
            String id = path.substring(blobsPath.length());
            Map<String, String> q = query.get();
            Set<String> rest = new java.util.HashSet<>(q.keySet());
            rest.removeAll(SIGV4);
            if (rest.equals(Set.of("uploadId", "partNumber")) && !q.get("uploadId").isEmpty() && isUploadId(id)
                    && isPartNumber(q.get("partNumber"))) {
                return Optional.of(partUpload(id, q.get("partNumber")));
            }
            // A blob's GET presigned at S3 itself (htsget tickets), named by its attachment file name.
            String disposition = q.get("response-content-disposition");
            if (rest.equals(Set.of("response-content-type", "response-content-disposition"))
                    && disposition.startsWith("attachment; filename*=UTF-8''")) {
                return Optional.of(download(decode(disposition.substring(disposition.indexOf("''") + 2))));
            }
            return Optional.empty();
        }

        private boolean signed(Map<String, String> q) {
            return q.keySet().containsAll(SIGV4)
                    && "AWS4-HMAC-SHA256".equals(q.get("X-Amz-Algorithm"))
                    && q.get("X-Amz-Date").matches("[0-9]{8}T[0-9]{6}Z")
                    && "host".equals(q.get("X-Amz-SignedHeaders"))
                    && credential.matcher(q.get("X-Amz-Credential")).matches()
                    && q.get("X-Amz-Expires").matches("[1-9][0-9]*")
                    && q.get("X-Amz-Signature").matches("[0-9a-f]{64}");
        }
    }
}
