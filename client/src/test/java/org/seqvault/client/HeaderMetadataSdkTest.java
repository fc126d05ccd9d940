package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestServer;

/** Header metadata through the SDK against the real server: the file record's status and keys, and an admin re-run. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HeaderMetadataSdkTest {
    /** A one-sample VCF on hg38 (chr1 with GRCh38's length), as a variant caller writes it. */
    private static final String VCF = """
            ##fileformat=VCFv4.2
            ##contig=<ID=chr1,length=248956422>
            ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tHG002
            chr1\t10177\t.\tA\tAC\t.\tPASS\t.\tGT\t0/1
            """;

    @TempDir
    static Path tmp;
    static TestServer server;
    static SeqVault sv;
    static SeqVault admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")), "--extract-metadata");
        sv = SeqVault.connect(server.url(), server.userToken("hana"));
        admin = SeqVault.connect(server.url(), TestServer.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        for (SeqVault c : new SeqVault[] {sv, admin}) {
            if (c != null) {
                c.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anUploadedVcfShowsItsSampleAndReferenceAndWhichKeysCameFromItsHeader() throws Exception {
        Project p = sv.projects().create("Calls");
        RemoteFile uploaded = sv.transfers().upload(Files.writeString(tmp.resolve("HG002.vcf"), VCF), p.rootFolder(),
                UploadOptions.defaults());

        RemoteFile read = readHeader(uploaded.id());
        assertThat(read.metadata()).containsEntry("sample_id", "HG002").containsEntry("reference_genome", "hg38");
        assertThat(read.extractedMetadata().keys()).containsExactly("reference_genome", "sample_count", "sample_id");

        sv.tree().updateMetadata(read.id(), java.util.Map.of("sample_id", "NIST-HG002"));
        Admin.ExtractionRun run = admin.admin().extractMetadata(p.id());
        assertThat(run.queued()).isEqualTo(1);
        assertThat(run.project()).isEqualTo(p.id());
        RemoteFile again = readHeader(uploaded.id());
        assertThat(again.metadata()).containsEntry("sample_id", "NIST-HG002");
        assertThat(again.extractedMetadata().keys()).containsExactly("reference_genome", "sample_count");
        RemoteFile text = sv.transfers().upload(Files.writeString(tmp.resolve("notes.txt"), "no header here"),
                p.rootFolder(), UploadOptions.defaults());
        assertThat(sv.tree().get(text.id()).extractedMetadata()).as("not a format SeqVault reads").isNull();
    }

    /** The file once its header has been read: polled, with a bound far above the second it takes. */
    private static RemoteFile readHeader(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            RemoteFile f = sv.tree().get(id);
            if (f.extractedMetadata() != null && f.extractedMetadata().isDone()) {
                // The status and the metadata come from two reads: ask once more for both whole.
                return sv.tree().get(id);
            }
            assertThat(System.nanoTime()).as("header of %s read in time", id).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
