package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.service.port.Clock;
import org.seqvault.testkit.genomics.GenomicsFiles;

/**
 * Header metadata through the real HTTP API: files made with htsjdk's writers are uploaded through
 * both dialects, and their Seven Bridges answer shows the keys read from the header (and which
 * they are) once the worker has read it. A value the user set wins; a file published just before
 * the process stopped is read by the next one.
 */
@OnEveryBackend
class HeaderMetadataApiTest extends BackendSuite {
    /** A bound on the wait for the worker, far above the second or two it takes; the poll ends as soon as it is done. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private ServerFixture fx;
    private SbHttp sb;
    private String token;
    private String project;
    private String workspace;

    private void start(boolean readHeaders) {
        fx = new ServerFixture(backend, Clock.system(), c -> c.withExtractMetadata(true), readHeaders);
        ApiScenario sc = new ApiScenario(fx.http);
        token = sc.user("sequencer", "files", "projects");
        sb = new SbHttp(fx.http, token);
        JsonNode p = sc.project(token, "Run 42", false);
        project = p.get("id").asText();
        workspace = p.get("workspace_id").asText();
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aBamThroughV1AndAVcfThroughV2ShowTheirSampleLibraryPlatformAndReference() throws Exception {
        start(true);
        GenomicsFiles files = new GenomicsFiles(dir);
        Path bamPath = files.bam("NA12878.bam", 500);
        Path vcfPath = files.variants("HG002.vcf.gz", List.of("HG002"), "1");
        String bam = formUpload(bamPath);
        long answered = System.nanoTime();
        JsonNode bamFile = extracted(bam);
        // Printed, not asserted: how long after the upload's answer the file showed its header's keys.
        System.out.printf("header metadata on %s: BAM's keys shown %d ms after its upload was answered%n", backend,
                (System.nanoTime() - answered) / 1_000_000);
        String vcf = multipartUpload(vcfPath);

        fx.golden().assertMatches("v2-file-header-metadata", bamFile);
        JsonNode vcfFile = extracted(vcf);
        assertThat(vcfFile.get("metadata")).as(vcfFile.toString()).isEqualTo(json(Map.of("sample_id", "HG002", "sample_count", "1",
                "reference_genome", "GRCh37")));
        assertThat(vcfFile.get("extracted_metadata").get("status").asText()).isEqualTo("done");
    }

    @Test
    void filesThatAreNotWhatTheirNameSaysGetAStatusAndKeepTheirMetadata() throws Exception {
        start(true);
        GenomicsFiles files = new GenomicsFiles(dir);
        String cut = formUpload(files.truncated(files.bam("whole.bam", 50), "cut.bam", 60));
        String text = multipartUpload(files.text("notes.vcf"));
        String plain = formUpload(files.text("readme.txt"));

        JsonNode cutFile = extracted(cut);
        assertThat(cutFile.get("extracted_metadata")).isEqualTo(json(Map.of(
                "status", "unreadable: truncated BGZF block", "keys", List.of())));
        JsonNode notes = extracted(text);
        assertThat(notes.get("extracted_metadata").get("status").asText()).startsWith("unreadable: VCF header:");
        assertThat(notes.get("metadata")).isEmpty();
        assertThat(ok(sb.get("/files/" + plain), 200).has("extracted_metadata"))
                .as("a name SeqVault does not read is never queued").isFalse();
        // Listing and scroll pages read the statuses in their own transaction and show what GET shows.
        String folder = cutFile.get("parent").asText();
        for (String page : List.of("/files?parent=" + folder, "/files/scroll?parent=" + folder)) {
            JsonNode items = ok(sb.get(page), 200).get("items");
            assertThat(items).as(page).hasSize(2);
            assertThat(items.get(0).get("name").asText()).isEqualTo("cut.bam");
            assertThat(items.get(0).get("extracted_metadata")).as(page).isEqualTo(cutFile.get("extracted_metadata"));
            assertThat(items.get(1).get("name").asText()).isEqualTo("readme.txt");
            assertThat(items.get(1).has("extracted_metadata")).as(page).isFalse();
        }
    }

    @Test
    void aFilePublishedBeforeTheProcessStoppedIsReadByTheNextAndTheUsersValuesWin() throws Exception {
        start(false);
        GenomicsFiles files = new GenomicsFiles(dir);
        String bam = formUpload(files.bam("NA12878.bam", 100));
        // Queued, not read: what a replica killed just after publishing leaves behind.
        String fastq = multipartUpload(files.fastqGz("S1_L001_R2_001.fastq.gz", 2, 100, 33));
        ok(sb.patch("/files/" + bam + "/metadata", Map.of("sample_id", "patient-17", "platform", "HiSeq X")), 200);
        assertThat(ok(sb.get("/files/" + bam), 200).get("extracted_metadata").get("status").asText())
                .isEqualTo("pending");

        fx.restart(true);
        sb = new SbHttp(fx.http, token);

        JsonNode read = extracted(bam);
        assertThat(read.get("extracted_metadata").get("status").asText()).as(read.toString()).isEqualTo("done");
        assertThat(read.get("metadata").get("sample_id").asText()).isEqualTo("patient-17");
        assertThat(read.get("metadata").get("platform").asText()).isEqualTo("HiSeq X");
        assertThat(read.get("metadata").path("library_id").asText()).as(read.toString()).isEqualTo("lib1");
        assertThat(read.get("extracted_metadata").get("keys")).isEqualTo(json(List.of("library_id", "quality_scale",
                "read_group_count", "reference_genome", "sample_count", "sort_order")));
        assertThat(extracted(fastq).get("metadata")).isEqualTo(json(Map.of("paired_end", "2",
                "file_segment_number", "1", "quality_scale", "sanger")));
    }

    @Test
    void anAdminRerunFillsAKeyTheUserRemovedAndKeepsTheOnesTheySet() throws Exception {
        start(true);
        String bam = formUpload(new GenomicsFiles(dir).bam("NA12878.bam", 100));
        extracted(bam);
        Map<String, Object> edit = new java.util.HashMap<>();
        edit.put("library_id", null);
        edit.put("sample_id", "patient-17");
        ok(sb.patch("/files/" + bam + "/metadata", edit), 200);
        assertThat(ok(sb.get("/files/" + bam), 200).get("metadata").has("library_id")).isFalse();

        JsonNode run = ok(fx.http.postJson("/admin/v1/extract-metadata", ServerFixture.ADMIN_TOKEN,
                Map.of("project", project)), 202);
        assertThat(run.get("project").asText()).isEqualTo(project);
        assertThat(run.get("queued").asInt()).isEqualTo(1);

        JsonNode again = extracted(bam);
        assertThat(again.get("metadata").get("library_id").asText()).isEqualTo("lib1");
        assertThat(again.get("metadata").get("sample_id").asText()).isEqualTo("patient-17");
        assertThat(again.get("extracted_metadata").get("keys")).isEqualTo(json(List.of("library_id", "platform",
                "quality_scale", "read_group_count", "reference_genome", "sample_count", "sort_order")));
        assertThat(fx.http.postJson("/admin/v1/extract-metadata", ServerFixture.ADMIN_TOKEN,
                Map.of("project", "nobody/nothing")).status()).isEqualTo(404);
    }

    /** The file's answer once its header has been read (its status is no longer pending). */
    private JsonNode extracted(String fileId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode file = ok(sb.get("/files/" + fileId), 200);
            JsonNode status = file.path("extracted_metadata").path("status");
            if (!status.isMissingNode() && !status.asText().equals("pending")) {
                // The answer reads the file and its status in one transaction: the status comes with the metadata it wrote.
                return file;
            }
            assertThat(System.nanoTime()).as("header of %s read within %s", fileId, PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String formUpload(Path file) throws IOException {
        TestHttp.Response r = new ApiScenario(fx.http).upload(token, workspace, "runs/", file.getFileName().toString(),
                Files.readAllBytes(file));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
        return r.json().get("file_id").asText();
    }

    private String multipartUpload(Path file) throws IOException {
        return sb.upload("project", project, file.getFileName().toString(), Files.readAllBytes(file), ServerFixture.PART_SIZE)
                .get("id").asText();
    }

    private static JsonNode json(Object value) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(value);
    }
}
