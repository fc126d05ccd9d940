package org.seqvault.store.s3;

import java.util.regex.Pattern;

/**
 * The bucket and key prefix of a blob store URI {@code s3://bucket[/prefix]}. The prefix is
 * normalised to "" or a path ending in '/', so keys are always {@code prefix + "blobs/…"}.
 */
public record S3Location(String bucket, String prefix) {
    private static final String SCHEME = "s3://";
    /** S3's rules for new bucket names (lowercase, digits, dots, hyphens; 3 to 63 characters). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Location {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name (3-63 characters of a-z, 0-9, '.', '-'): "
                    + bucket);
        }
        prefix = normalisePrefix(prefix);
    }

    /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix}. */
    public static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("an S3 blob store is given as s3://bucket[/prefix]: " + uri);
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.contains("//")) {
            throw new IllegalArgumentException("an S3 key prefix must not contain empty segments: " + prefix);
        }
        return p.isEmpty() ? "" : p + "/";
    }

    @Override
    public String toString() {
        return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }
}
