package org.seqvault.store.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket's CORS rules for the web page: a browser on the server's origin PUTs upload parts to
 * presigned URLs, and reads blobs (previews, the genome view) with ranged GETs, straight from the
 * bucket, which answers them only if one of its rules allows that origin. PutBucketCors replaces
 * the whole configuration, so the rules already there are read first and kept, and nothing is
 * written when one of them already allows what the page does.
 */
public final class S3BucketCors {
    static final List<String> METHODS = List.of("GET", "PUT", "HEAD");
    /** What the page sends: Range on reads, Content-Type on a part PUT. */
    static final List<String> HEADERS = List.of("Range", "Content-Type");
    /** What the page reads: a part's ETag, a range's Content-Range and Content-Length. */
    static final List<String> EXPOSED = List.of("ETag", "Content-Range", "Content-Length");
    static final int MAX_AGE_SECONDS = 3000;

    /** What {@link #allow} did. */
    public enum Outcome {
        /** A rule already allowed the origin: nothing was written. */
        ALREADY_ALLOWED,
        /** A rule for the origin was added beside the existing ones. */
        ADDED
    }

    private final S3Client s3;
    private final String bucket;

    S3BucketCors(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Makes sure a rule allows {@code origin}.
     *
     * @throws SdkException when the store refuses (no permission, an S3-compatible store without
     *                      bucket CORS) or cannot be reached; the caller decides what that means
     */
    public Outcome allow(String origin) {
        Optional<List<CORSRule>> next = rulesAllowing(currentRules(), origin);
        if (next.isEmpty()) {
            return Outcome.ALREADY_ALLOWED;
        }
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(next.get())));
        return Outcome.ADDED;
    }

    /** The rules to write so that {@code origin} is allowed: the current ones plus ours; empty when one already covers it. */
    static Optional<List<CORSRule>> rulesAllowing(List<CORSRule> current, String origin) {
        if (current.stream().anyMatch(rule -> covers(rule, origin))) {
            return Optional.empty();
        }
        List<CORSRule> next = new ArrayList<>(current);
        next.add(ruleFor(origin));
        return Optional.of(List.copyOf(next));
    }

    static CORSRule ruleFor(String origin) {
        return CORSRule.builder().id("seqvault-web").allowedOrigins(origin).allowedMethods(METHODS)
                .allowedHeaders(HEADERS).exposeHeaders(EXPOSED).maxAgeSeconds(MAX_AGE_SECONDS).build();
    }

    private List<CORSRule> currentRules() {
        try {
            return s3.getBucketCors(b -> b.bucket(bucket)).corsRules();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && "NoSuchCORSConfiguration".equals(e.awsErrorDetails().errorCode())) {
                return List.of();
            }
            throw e;
        }
    }

    /** True when the rule allows the origin every method, header and exposed header the page needs. */
    static boolean covers(CORSRule rule, String origin) {
        return matchesAny(rule.allowedOrigins(), origin)
                && upper(rule.allowedMethods()).containsAll(METHODS)
                && HEADERS.stream().allMatch(h -> matchesAny(rule.allowedHeaders(), h))
                && lower(rule.exposeHeaders()).containsAll(lower(EXPOSED));
    }

    /** S3's patterns: case-insensitive for headers, at most one '*' wildcard. */
    private static boolean matchesAny(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> wildcard(p.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT)));
    }

    private static boolean wildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code scheme://host[:port]} of a URL, as browsers write an Origin (no default port, no path). */
    public static String originOf(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
