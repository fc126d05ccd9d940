package org.seqvault.store.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the SDK's client and presigner from {@link S3Settings}, configured alike. */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client client(S3Settings settings, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder())
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 requires them: S3-compatible stores differ in which
                // flexible checksums they accept, and MD5/SHA-256 are computed by us anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        String region = settings.effectiveRegion();
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }

    static S3Presigner presigner(S3Settings settings, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        String region = settings.effectiveRegion();
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }
}
