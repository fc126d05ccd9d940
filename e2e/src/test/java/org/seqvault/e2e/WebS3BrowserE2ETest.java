package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.BAMIndexer;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.genomics.GenomicsFiles;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * The web page on the S3 backend (SQLite + S3Proxy), in headless Chromium against the real server
 * process: web/test/browser/s3.mjs uploads through the page (part PUTs to the store), previews a
 * file (a ranged GET at the store) and opens the genome view (igv's blocks from the store; a CRAM's
 * view reads the CRAM and its reference by Range from the store).
 * S3Proxy has no bucket CORS: the server's PutBucketCors is refused (the log says so and the server
 * carries on), and S3Proxy's own CORS setting stands in for the rule the server would have added.
 * The store is addressed as {@code localhost}, the page as 127.0.0.1: two host names, as a bucket
 * and a server have (igv sends its token by host name). Output: web/target/s3-browser-tests.log.
 */
class WebS3BrowserE2ETest {
    @Test
    void uploadsPreviewsAndTheGenomeViewWorkOnS3(@TempDir Path dataDir, @TempDir Path files) throws Exception {
        GenomicsFiles genomics = new GenomicsFiles(files);
        Path bam = genomics.bam("NA12878.bam", 2000);
        Path cram = genomics.cram("NA12878.cram"); // with ref.fa and ref.fa.fai beside it
        Path crai = genomics.craiIndex(cram);
        Path bai = files.resolve("NA12878.bam.bai");
        try (SamReader reader = SamReaderFactory.makeDefault()
                .enable(SamReaderFactory.Option.INCLUDE_SOURCE_IN_RECORDS).open(bam)) {
            BAMIndexer.createIndex(reader, bai.toFile());
        }
        BrowserScripts.ensureChromium();
        try (S3TestServer s3 = S3TestServer.startWithCors("http://127\\.0\\.0\\.1:\\d+")) {
            String storeOrigin = "http://localhost:" + s3.endpoint().getPort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "SEQVAULT_BLOB_STORE", s3.blobStoreUri("web"),
                    "SEQVAULT_S3_ENDPOINT", storeOrigin,
                    "SEQVAULT_S3_REGION", S3TestServer.REGION,
                    "SEQVAULT_S3_PATH_STYLE", "true",
                    "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                    "SEQVAULT_SIGNING_KEY", "web-s3-signing-key-0123456789abcdef"));
            try (ServerProcess server = ServerProcess.start(dataDir, "256m", env)) {
                BrowserScripts.runPassing("test/browser/s3.mjs", Map.of("SEQVAULT_URL", server.url,
                        "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN, "S3_ORIGIN", storeOrigin,
                        "GENOME_BAM", bam.toString(), "GENOME_BAI", bai.toString(), "GENOME_CRAM", cram.toString(),
                        "GENOME_CRAI", crai.toString(), "GENOME_FASTA", files.resolve("ref.fa").toString()),
                    "s3-browser-tests.log", "no errors in the console");
                assertThat(Files.readString(server.log, StandardCharsets.UTF_8))
                        .contains("could not set the bucket's CORS rule for the web page's origin " + server.url);
            }
        }
    }
}
