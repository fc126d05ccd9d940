package org.seqvault.store.s3;

import java.net.URI;

/**
 * How to reach the object store.
 *
 * @param location  bucket and key prefix, from {@code s3://bucket[/prefix]}
 * @param endpoint  endpoint override for S3-compatible stores (MinIO, Ceph, S3Proxy…); null for AWS
 * @param region    signing region; null for the SDK's default chain, or us-east-1 with an endpoint
 * @param pathStyle address the bucket in the path ({@code host/bucket/key}) instead of the host name
 */
public record S3Settings(S3Location location, URI endpoint, String region, boolean pathStyle) {
    /** The region S3-compatible stores expect when none is configured. */
    static final String DEFAULT_COMPATIBLE_REGION = "us-east-1";

    public S3Settings {
        if (location == null) {
            throw new IllegalArgumentException("location is required");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException("S3 endpoint must be an http:// or https:// URL: " + endpoint);
        }
        region = region == null || region.isBlank() ? null : region.strip();
    }

    /** From the server's settings: blob store URI, endpoint (may be null or empty), region, path-style. */
    public static S3Settings of(String blobStoreUri, String endpoint, String region, boolean pathStyle) {
        URI endpointUri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
        return new S3Settings(S3Location.parse(blobStoreUri), endpointUri, region, pathStyle);
    }

    /** The region to sign for: the configured one, else us-east-1 for an endpoint override, else null (SDK chain). */
    String effectiveRegion() {
        if (region != null) {
            return region;
        }
        return endpoint != null ? DEFAULT_COMPATIBLE_REGION : null;
    }
}
