package org.seqvault.genomics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.Blob;
import org.seqvault.domain.UploadPart;
import org.seqvault.service.extract.HeaderFormat;
import org.seqvault.service.extract.HeaderReader.Reading;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.store.fs.FsBlobStore;
import org.seqvault.store.s3.S3BlobStore;
import org.seqvault.store.s3.S3Location;
import org.seqvault.store.s3.S3Settings;
import org.seqvault.testkit.genomics.GenomicsFiles;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * What reading a header costs on each blob store: the bytes fetched (ranged reads, counted at the
 * store's reader) and the time per file, printed for docs/genomics.md; on S3 the bytes of a large
 * BAM are asserted to be one small window of it. Repeat with
 * {@code mvn -B -q -o -pl genomics -am verify -Dtest=HeaderReadCostTest -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the lines starting "header cost" in the build output.
 */
class HeaderReadCostTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static S3TestServer s3;
    private static Path dir;
    private static Map<String, Path> files;

    @BeforeAll
    static void files(@TempDir Path tmp) throws Exception {
        s3 = S3TestServer.start();
        dir = tmp;
        GenomicsFiles make = new GenomicsFiles(tmp);
        files = new LinkedHashMap<>();
        files.put("big.bam", make.bam("big.bam", 150_000));
        files.put("NA12878.cram", make.cram("NA12878.cram"));
        files.put("trio.vcf.gz", make.variants("trio.vcf.gz", List.of("HG002", "HG003", "HG004"), "chr1"));
        files.put("S1_L001_R1_001.fastq.gz", make.fastqGz("S1_L001_R1_001.fastq.gz", 1, 20_000, 33));
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void onLocalFiles() throws IOException {
        Path root = Files.createDirectories(dir.resolve("blobs"));
        measure("file", new FsBlobStore(root, new UrlSigner(SigningKeys.of("header-cost-signing-key")), "http://127.0.0.1:1"));
    }

    @Test
    void onS3ABigBamCostsOneSmallRangedRead() throws IOException {
        S3Settings settings = new S3Settings(new S3Location(S3TestServer.BUCKET, "header-cost"), s3.endpoint(),
                S3TestServer.REGION, true);
        S3BlobStore store = S3BlobStore.open(settings, s3.credentials(), Clock.system());
        Map<String, CountingReader> reads = measure("s3", store);
        long bamSize = Files.size(files.get("big.bam"));
        assertThat(bamSize).isGreaterThan(4L << 20);
        assertThat(reads.get("big.bam").bytes).isEqualTo(HeaderBytes.FIRST_WINDOW);
        assertThat(reads.get("big.bam").reads).isEqualTo(1);
        assertThat(reads.get("big.bam").bytes * 50).isLessThan(bamSize);
    }

    private static Map<String, CountingReader> measure(String backend, BlobStore store) throws IOException {
        HtsHeaderReader reader = new HtsHeaderReader();
        Map<String, CountingReader> counted = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Blob blob = put(store, f.getKey(), f.getValue());
            HeaderFormat format = HeaderFormat.of(f.getKey()).orElseThrow();
            reader.read(format, f.getKey(), store.open(blob.id())); // a first read warms the JIT and the connection
            long start = System.nanoTime();
            try (CountingReader counting = new CountingReader(store.open(blob.id()))) {
                Reading reading = reader.read(format, f.getKey(), counting);
                long micros = (System.nanoTime() - start) / 1000;
                assertThat(reading).isInstanceOf(Reading.Found.class);
                assertThat(reading.bytesRead()).isEqualTo(counting.bytes);
                System.out.printf("header cost %s %s: file %d bytes, read %d bytes in %d ranged read(s), %.1f ms%n",
                        backend, f.getKey(), blob.size(), counting.bytes, counting.reads, micros / 1000.0);
                counted.put(f.getKey(), counting);
            }
        }
        return counted;
    }

    private static Blob put(BlobStore store, String name, Path file) throws IOException {
        String uploadId = "up_" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        store.beginUpload(uploadId);
        UploadPart part;
        try (InputStream in = Files.newInputStream(file)) {
            part = store.writePart(uploadId, 1, in, Files.size(file), true);
        }
        String blobId = store.blobIdFor(uploadId).orElse("blob" + uploadId.substring(3));
        return store.assemble(uploadId, blobId, List.of(part), NOW);
    }
}
