package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.util.CloseableIterator;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * GA4GH htsget: for BAM, CRAM, bgzipped VCF and BCF files written by htsjdk (several contigs,
 * thousands of records, a header longer than one BGZF block), the records decoded from a ticket's
 * concatenated blocks are exactly those htsjdk's own indexed query of the local file returns (for
 * the BCF: of the VCF holding the same variants), in
 * the same order, for many random regions (CRAM too: its boundary containers are cut to the
 * region's records); tickets and errors compare with golden files.
 */
@OnEveryBackend
class HtsgetApiTest extends BackendSuite {
    private static final String BASE = "/ga4gh/htsget/v1";
    private static GenomicTestFiles local;
    static ServerFixture fx;
    static TestHttp http;
    static String token;
    static String project;
    static final Map<String, String> ids = new HashMap<>();

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) throws IOException {
        if (local == null) {
            local = GenomicTestFiles.write(Files.createTempDirectory("seqvault-htsget-"), 15);
        }
        fx = new ServerFixture(backend);
        http = fx.http;
        ApiScenario sc = new ApiScenario(http);
        token = sc.user("reader", "files", "projects");
        project = sc.project(token, "Genomes", false).get("id").asText();
        SbHttp sb = new SbHttp(http, token);
        ids.clear();
        for (Path p : List.of(local.bam, local.bai(), local.cram, local.crai(), local.vcf, local.tbi(), local.bcf,
                local.csi(), local.csiBam(), local.csiBam().resolveSibling("reads-csi.bam.csi"), local.csiVcf(),
                local.csiVcf().resolveSibling("calls-csi.vcf.gz.csi"))) {
            String name = p.getFileName().toString();
            ids.put(name, sb.upload("project", project, name, Files.readAllBytes(p), ServerFixture.PART_SIZE)
                    .get("id").asText());
        }
        for (String name : List.of("htslib-pairs.cram", "htslib-pairs.cram.crai")) {
            ids.put(name, sb.upload("project", project, name, Files.readAllBytes(htslibPairs(name)),
                    ServerFixture.PART_SIZE).get("id").asText());
        }
        ids.put("unindexed.bam", sb.upload("project", project, "unindexed.bam", Files.readAllBytes(local.bam),
                ServerFixture.PART_SIZE).get("id").asText());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    // ---- records match htsjdk's indexed queries ----------------------------------------------------

    @Test
    void bamRegionsHoldExactlyTheRecordsOfHtsjdksQuery() {
        try (SamReader reader = samReader(local.bam)) {
            for (Region r : regions(new Random(1), 40)) {
                List<String> expected = sam(reader.queryOverlapping(r.contig, r.first(), r.lastOrZero()));
                List<String> got = samRecords(fetch(ticket("reads", "reads.bam", r.query())), ".bam", x -> true);
                assertThat(got).as("BAM %s", r).isEqualTo(expected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bamRegionsThroughACsiIndexHoldExactlyTheRecordsOfHtsjdksQuery() {
        try (SamReader reader = samReader(local.bam)) {
            for (Region r : regions(new Random(5), 25)) {
                List<String> expected = sam(reader.queryOverlapping(r.contig, r.first(), r.lastOrZero()));
                List<String> got = samRecords(fetch(ticket("reads", "reads-csi.bam", r.query())), ".bam", x -> true);
                assertThat(got).as("BAM with CSI %s", r).isEqualTo(expected);
            }
            assertThat(samRecords(fetch(ticket("reads", "reads-csi.bam", "referenceName=*")), ".bam", x -> true))
                    .isEqualTo(sam(reader.queryUnmapped()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void cramRegionsHoldExactlyTheRecordsOfHtsjdksQuery() {
        try (SamReader reader = samReader(local.cram)) {
            List<Region> regions = new ArrayList<>(regions(new Random(2), 40));
            regions.addAll(oneRecordRegions(reader, new Random(7), 10));
            for (Region r : regions) {
                List<String> expected = sam(reader.queryOverlapping(r.contig, r.first(), r.lastOrZero()));
                List<String> got = samRecords(fetch(ticket("reads", "reads.cram", r.query())), ".cram", x -> true);
                assertThat(got).as("CRAM %s", r).isEqualTo(expected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void cramRegionsInsideOneContainerAreCutToTheirRecords() throws IOException {
        try (SamReader reader = samReader(local.cram)) {
            // A few hundred bases in the middle of chr1: a slice of 400 reads holds them and many others.
            Region r = new Region("chr1", 600_000L, 600_400L);
            List<String> expected = sam(reader.queryOverlapping(r.contig, r.first(), r.lastOrZero()));
            byte[] bytes = fetch(ticket("reads", "reads.cram", r.query()));
            assertThat(expected).isNotEmpty();
            assertThat(samRecords(bytes, ".cram", x -> true)).isEqualTo(expected);
        }
    }

    /**
     * A CRAM written by samtools (make-htslib-pairs.sh beside it): htslib's own block numbering,
     * encodings only for the series it uses, and pairs stored attached inside slices, which a cut
     * separates (a mate's details are then written out).
     */
    @Test
    void cramWrittenByHtslibWithAttachedMatesIsCutExactly() throws IOException {
        Path cram = htslibPairs("htslib-pairs.cram");
        try (SamReader reader = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT)
                .referenceSequence(htslibPairs("htslib-pairs.fa")).open(cram)) {
            Random random = new Random(8);
            List<Region> regions = new ArrayList<>(List.of(new Region("chr1", null, null), new Region("chr2", 9_000L, null)));
            long[] sizes = {1, 120, 900, 6_000};
            for (int i = 0; i < 30; i++) {
                String contig = i % 3 == 0 ? "chr2" : "chr1";
                long start = random.nextInt(contig.equals("chr1") ? 40_000 : 20_000);
                regions.add(new Region(contig, start, start + sizes[random.nextInt(sizes.length)]));
            }
            for (Region r : regions) {
                List<String> expected = sam(reader.queryOverlapping(r.contig, r.first(), r.lastOrZero()));
                byte[] bytes = fetch(ticket("reads", "htslib-pairs.cram", r.query()));
                assertThat(samRecords(bytes, ".cram", htslibPairs("htslib-pairs.fa"))).as("htslib CRAM %s", r)
                        .isEqualTo(expected);
            }
            assertThat(samRecords(fetch(ticket("reads", "htslib-pairs.cram", "referenceName=*")), ".cram",
                    htslibPairs("htslib-pairs.fa"))).isEqualTo(sam(reader.queryUnmapped()));
        }
    }

    @Test
    void vcfRegionsHoldExactlyTheRecordsOfHtsjdksQuery() {
        try (VCFFileReader reader = new VCFFileReader(local.vcf, local.tbi(), true)) {
            for (Region r : regions(new Random(3), 40)) {
                List<String> expected = variantIds(reader.query(r.contig, r.first(), r.lastOrMax()));
                List<String> got = variantRecords(fetch(ticket("variants", "calls.vcf.gz", r.query())), ".vcf.gz");
                assertThat(got).as("VCF %s", r).isEqualTo(expected);
            }
        }
    }

    @Test
    void vcfRegionsThroughACsiIndexHoldExactlyTheRecordsOfHtsjdksQuery() {
        try (VCFFileReader reader = new VCFFileReader(local.vcf, local.tbi(), true)) {
            for (Region r : regions(new Random(6), 25)) {
                List<String> expected = variantIds(reader.query(r.contig, r.first(), r.lastOrMax()));
                List<String> got = variantRecords(fetch(ticket("variants", "calls-csi.vcf.gz", r.query())), ".vcf.gz");
                assertThat(got).as("VCF with CSI %s", r).isEqualTo(expected);
            }
        }
    }

    @Test
    void bcfRegionsHoldExactlyTheRecordsOfHtsjdksQuery() {
        try (VCFFileReader reader = new VCFFileReader(local.vcf, local.tbi(), true)) {
            for (Region r : regions(new Random(4), 40)) {
                List<String> expected = variantIds(reader.query(r.contig, r.first(), r.lastOrMax()));
                List<String> got = variantRecords(fetch(ticket("variants", "calls.bcf", r.query())), ".bcf");
                assertThat(got).as("BCF %s", r).isEqualTo(expected);
            }
        }
    }

    @Test
    void aWholeFileRequestReturnsEveryRecordWithoutNeedingAnIndex() throws IOException {
        try (SamReader reader = samReader(local.bam)) {
            List<String> all = sam(reader.iterator());
            assertThat(samRecords(fetch(ticket("reads", "unindexed.bam", "")), ".bam", x -> true)).isEqualTo(all);
            assertThat(samRecords(fetch(ticket("reads", "reads.bam", "")), ".bam", x -> true)).isEqualTo(all);
        }
        try (VCFFileReader reader = new VCFFileReader(local.vcf, false)) {
            assertThat(variantRecords(fetch(ticket("variants", "calls.vcf.gz", "")), ".vcf.gz"))
                    .isEqualTo(variantIds(reader.iterator()));
        }
    }

    @Test
    void theUnplacedUnmappedReadsAreAskedForWithAStar() throws IOException {
        for (String file : List.of("reads.bam", "reads.cram")) {
            Path path = file.endsWith(".bam") ? local.bam : local.cram;
            try (SamReader reader = samReader(path)) {
                List<String> expected = sam(reader.queryUnmapped());
                assertThat(expected).hasSize(400);
                assertThat(samRecords(fetch(ticket("reads", file, "referenceName=*")), suffix(file), rec -> true))
                        .as(file).isEqualTo(expected);
            }
        }
    }

    @Test
    void classHeaderReturnsTheWholeHeaderAndNoRecords() throws IOException {
        for (String file : List.of("reads.bam", "reads.cram")) {
            byte[] bytes = fetch(ticket("reads", file, "class=header"));
            Path tmp = write(bytes, suffix(file));
            try (SamReader got = samReader(tmp); SamReader expected = samReader(file.endsWith(".bam") ? local.bam : local.cram)) {
                assertThat(got.getFileHeader().getComments()).hasSize(GenomicTestFiles.HEADER_COMMENTS);
                assertThat(got.getFileHeader()).isEqualTo(expected.getFileHeader());
                assertThat(got.iterator().hasNext()).isFalse();
            }
        }
        for (String file : List.of("calls.vcf.gz", "calls.bcf")) {
            byte[] header = fetch(ticket("variants", file, "class=header"));
            Path tmp = write(file.endsWith(".bcf") ? gunzip(header) : header, suffix(file));
            Path original = file.endsWith(".bcf") ? local.uncompressedBcf() : local.vcf;
            try (VCFFileReader got = new VCFFileReader(tmp, false); VCFFileReader expected = new VCFFileReader(original, false)) {
                assertThat(got.getFileHeader().getOtherHeaderLines()).hasSizeGreaterThanOrEqualTo(GenomicTestFiles.HEADER_COMMENTS);
                assertThat(got.getFileHeader().getMetaDataInInputOrder())
                        .isEqualTo(expected.getFileHeader().getMetaDataInInputOrder());
                assertThat(got.iterator().hasNext()).isFalse();
            }
        }
    }

    @Test
    void postAsksForSeveralRegionsAtOnce() throws IOException {
        Map<String, Object> body = Map.of("format", "BAM", "regions", List.of(
                Map.of("referenceName", "chr1", "start", 10_000, "end", 60_000),
                Map.of("referenceName", "chr2", "start", 500_000),
                Map.of("referenceName", "chrM")));
        TestHttp.Response r = http.postJson(BASE + "/reads/" + ids.get("reads.bam"), token, body);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        try (SamReader reader = samReader(local.bam)) {
            List<String> expected = new ArrayList<>(sam(reader.queryOverlapping("chr1", 10_001, 60_000)));
            expected.addAll(sam(reader.queryOverlapping("chr2", 500_001, 0)));
            expected.addAll(sam(reader.queryOverlapping("chrM", 1, 0)));
            assertThat(samRecords(fetch(r.json()), ".bam", x -> true)).isEqualTo(expected);
        }
    }

    @Test
    void aRegionPastTheContigEndOrOfAContigWithoutRecordsIsEmptyAndValid() throws IOException {
        byte[] bytes = fetch(ticket("reads", "reads.bam", "referenceName=chr3&start=400000&end=500000"));
        assertThat(samRecords(bytes, ".bam", x -> true)).isEmpty();
        byte[] variants = fetch(ticket("variants", "calls.vcf.gz", "referenceName=chrM&start=20000&end=4000000000"));
        assertThat(variantRecords(variants, ".vcf.gz")).isEmpty();
        for (String file : List.of("calls.vcf.gz", "calls.bcf")) {
            assertThat(variantRecords(fetch(ticket("variants", file, "referenceName=chrUn")), suffix(file)))
                    .as("a contig of the header without variants").isEmpty();
        }
    }

    // ---- tickets and errors --------------------------------------------------------------------------

    @Test
    void aFileThatIsNotOfItsNamesFormatIsUnsupported() {
        SbHttp sb = new SbHttp(http, token);
        String fake = sb.upload("project", project, "not-really-" + backend.ordinal() + ".bam",
                "@HD\tVN:1.6\n".getBytes(StandardCharsets.UTF_8), ServerFixture.PART_SIZE).get("id").asText();
        String fakeVcf = sb.upload("project", project, "not-really-" + backend.ordinal() + ".vcf.gz",
                "##fileformat=VCFv4.2 (plain text, not bgzipped)\n".getBytes(StandardCharsets.UTF_8), ServerFixture.PART_SIZE)
                .get("id").asText();
        assertThat(error(http.get(BASE + "/reads/" + fake, token), 400).at("/htsget/error").asText())
                .isEqualTo("UnsupportedFormat");
        assertThat(error(http.get(BASE + "/variants/" + fakeVcf + "?class=header", token), 400)
                .at("/htsget/error").asText()).isEqualTo("UnsupportedFormat");
    }

    @Test
    void ticketsAndErrorsMatchTheGoldenFiles() throws IOException {
        Golden golden = fx.golden();
        String bam = ids.get("reads.bam");
        golden.assertMatches("htsget-ticket-bam-region",
                ticket("reads", "reads.bam", "referenceName=chr1&start=200000&end=230000"));
        golden.assertMatches("htsget-ticket-vcf-header", ticket("variants", "calls.vcf.gz", "class=header"));
        golden.assertMatches("htsget-service-info-reads", ok(http.get(BASE + "/reads/service-info", null), 200));
        golden.assertMatches("htsget-error-unknown-contig",
                error(http.get(BASE + "/reads/" + bam + "?referenceName=chrZ", token), 404));
        golden.assertMatches("htsget-error-start-after-end",
                error(http.get(BASE + "/reads/" + bam + "?referenceName=chr1&start=20&end=10", token), 400));
        golden.assertMatches("htsget-error-no-index",
                error(http.get(BASE + "/reads/" + ids.get("unindexed.bam") + "?referenceName=chr1", token), 404));
        golden.assertMatches("htsget-error-format",
                error(http.get(BASE + "/reads/" + bam + "?format=CRAM", token), 400));
        golden.assertMatches("htsget-error-wrong-endpoint",
                error(http.get(BASE + "/variants/" + bam, token), 400));
        golden.assertMatches("htsget-error-bad-input",
                error(http.get(BASE + "/reads/" + bam + "?start=5", token), 400));
        golden.assertMatches("htsget-error-no-token", error(http.get(BASE + "/reads/" + bam, null), 401));
        golden.assertMatches("htsget-error-bad-token", error(http.get(BASE + "/reads/" + bam, "svt_nope"), 401));
        golden.assertMatches("htsget-error-not-found",
                error(http.get(BASE + "/reads/000000000000000000000000", token), 404));
    }

    @Test
    void aTicketIsTheHtsgetObjectAloneWithHeadersOnEveryUrl() {
        TestHttp.Response r = http.send("GET", BASE + "/reads/" + ids.get("reads.bam")
                + "?referenceName=chr2&start=1000&end=90000", token, null, null,
                "Accept", "application/vnd.ga4gh.htsget.v1.2.0+json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/vnd.ga4gh.htsget.v1.3.0+json");
        JsonNode json = r.json();
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("htsget").get("format").asText()).isEqualTo("BAM");
        for (JsonNode url : json.at("/htsget/urls")) {
            assertThat(url.get("headers").isObject()).isTrue();
            assertThat(url.get("class").asText()).isIn("header", "body");
            String u = url.get("url").asText();
            assertThat(u.startsWith("data:;base64,") || url.get("headers").has("Range")).as(u).isTrue();
            if (!u.startsWith("data:")) {
                // On S3 the bytes never pass through SeqVault: the ranges are presigned at S3 itself.
                assertThat(u.contains("/_blob/dl/")).as(u).isEqualTo(fx.blobsServedBySeqVault());
            }
            assertThat(url.get("headers").has("Authorization")).isFalse();
        }
        assertThat(json.at("/htsget/urls/0/class").asText()).isEqualTo("header");
        List<JsonNode> urls = new ArrayList<>();
        json.at("/htsget/urls").forEach(urls::add);
        assertThat(urls.getLast().get("url").asText()).as("the BGZF end-of-file block")
                .isEqualTo("data:;base64,H4sIBAAAAAAA/wYAQkMCABsAAwAAAAAAAAAAAA==");
    }

    @Test
    void aDrsUriNamesTheSameFile() throws IOException {
        String uri = URLEncoder.encode("drs://files.example.org/" + ids.get("calls.bcf"), StandardCharsets.UTF_8);
        TestHttp.Response r = http.get(BASE + "/variants/" + uri + "?referenceName=chr2", token);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        try (VCFFileReader reader = new VCFFileReader(local.vcf, local.tbi(), true)) {
            assertThat(variantRecords(fetch(r.json()), ".bcf")).isEqualTo(variantIds(reader.query("chr2", 1, 600_000)));
        }
    }

    @Test
    void strangersGetNotFoundAndPublicProjectsNeedNoToken() throws IOException {
        ApiScenario sc = new ApiScenario(http);
        String stranger = sc.user("stranger" + backend.ordinal(), "files");
        String bam = ids.get("reads.bam");
        assertThat(error(http.get(BASE + "/reads/" + bam, stranger), 404).at("/htsget/error").asText())
                .isEqualTo("NotFound");
        String noFiles = sc.token("reader", "projects");
        assertThat(error(http.get(BASE + "/reads/" + bam, noFiles), 403).at("/htsget/error").asText())
                .isEqualTo("PermissionDenied");

        String open = sc.project(token, "Open genomes", true).get("id").asText();
        SbHttp sb = new SbHttp(http, token);
        String publicVcf = sb.upload("project", open, "calls.vcf.gz", Files.readAllBytes(local.vcf),
                ServerFixture.PART_SIZE).get("id").asText();
        sb.upload("project", open, "calls.vcf.gz.tbi", Files.readAllBytes(local.tbi()), ServerFixture.PART_SIZE);
        TestHttp.Response anonymous = http.get(BASE + "/variants/" + publicVcf + "?referenceName=chr3&start=0&end=150000", null);
        assertThat(anonymous.status()).as(anonymous.json().toString()).isEqualTo(200);
        try (VCFFileReader reader = new VCFFileReader(local.vcf, local.tbi(), true)) {
            assertThat(variantRecords(fetch(anonymous.json()), ".vcf.gz"))
                    .isEqualTo(variantIds(reader.query("chr3", 1, 150_000)));
        }
    }

    @Test
    void browsersMayCallFromAnyOrigin() {
        TestHttp.Response preflight = http.send("OPTIONS", BASE + "/reads/" + ids.get("reads.bam"), null, null, null,
                "Origin", "https://igv.example.org", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://igv.example.org");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
        TestHttp.Response refused = http.send("GET", BASE + "/reads/" + ids.get("reads.bam"), null, null, null,
                "Origin", "https://igv.example.org");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("https://igv.example.org");
        if (fx.blobsServedBySeqVault()) { // on S3 the bucket's own CORS rules apply
            JsonNode block = ticket("reads", "reads.bam", "class=header").at("/htsget/urls/0");
            TestHttp.Response fetched = http.send("GET", block.get("url").asText(), null, null, null,
                    "Origin", "https://igv.example.org", "Range", block.at("/headers/Range").asText());
            assertThat(fetched.status()).isEqualTo(206);
            assertThat(fetched.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(fetched.header("Access-Control-Expose-Headers")).contains("Content-Range");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** A region in htsget's coordinates (0-based start, exclusive end; either may be absent). */
    record Region(String contig, Long start, Long end) {
        String query() {
            return "referenceName=" + contig + (start == null ? "" : "&start=" + start) + (end == null ? "" : "&end=" + end);
        }

        int first() {
            return start == null ? 1 : (int) (start + 1);
        }

        int lastOrZero() {
            return end == null ? 0 : (int) Math.min(Integer.MAX_VALUE, end);
        }

        int lastOrMax() {
            return end == null ? Integer.MAX_VALUE - 1 : (int) Math.min(Integer.MAX_VALUE - 1, end);
        }
    }

    /**
     * One-base regions at the first base of random mapped reads, at least one of them held by that
     * read alone (the region then asks for exactly one record out of its container).
     */
    static List<Region> oneRecordRegions(SamReader reader, Random random, int n) {
        List<SAMRecord> mapped = new ArrayList<>();
        reader.iterator().forEachRemaining(rec -> {
            if (!rec.getReadUnmappedFlag()) {
                mapped.add(rec);
            }
        });
        List<Region> out = new ArrayList<>();
        boolean single = false;
        while (out.size() < n || !single) {
            SAMRecord rec = mapped.get(random.nextInt(mapped.size()));
            long start = rec.getAlignmentStart() - 1L;
            Region r = new Region(rec.getReferenceName(), start, start + 1);
            boolean alone = sam(reader.queryOverlapping(r.contig, r.first(), r.lastOrZero())).size() == 1;
            if (out.size() < n || alone) {
                out.add(r);
                single |= alone;
            }
        }
        return out;
    }

    /** Random regions of every size, some past a contig's end, some open on one side or both. */
    static List<Region> regions(Random random, int n) {
        List<Region> out = new ArrayList<>();
        long[] sizes = {1, 150, 5_000, 40_000, 250_000};
        for (int i = 0; i < n; i++) {
            var contig = GenomicTestFiles.CONTIGS.get(random.nextInt(GenomicTestFiles.CONTIGS.size()));
            long start = random.nextInt(contig.getSequenceLength());
            long end = start + sizes[random.nextInt(sizes.length)];
            int shape = random.nextInt(10);
            out.add(switch (shape) {
                case 0 -> new Region(contig.getSequenceName(), null, null);
                case 1 -> new Region(contig.getSequenceName(), start, null);
                case 2 -> new Region(contig.getSequenceName(), null, end);
                default -> new Region(contig.getSequenceName(), start, end);
            });
        }
        return out;
    }

    private static JsonNode ticket(String endpoint, String file, String query) {
        TestHttp.Response r = http.get(BASE + "/" + endpoint + "/" + ids.get(file) + (query.isEmpty() ? "" : "?" + query),
                token);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode error(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/vnd.ga4gh.htsget.v1.3.0+json");
        return r.json();
    }

    /** The bytes a client gets: every block fetched (with its headers, no token) and concatenated. */
    static byte[] fetch(JsonNode ticket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode u : ticket.at("/htsget/urls")) {
            String url = u.get("url").asText();
            if (url.startsWith("data:")) {
                assertThat(url).startsWith("data:;base64,");
                out.writeBytes(Base64.getDecoder().decode(url.substring("data:;base64,".length())));
                continue;
            }
            List<String> headers = new ArrayList<>();
            u.get("headers").fields().forEachRemaining(e -> {
                headers.add(e.getKey());
                headers.add(e.getValue().asText());
            });
            TestHttp.Response r = http.send("GET", url, null, null, null, headers.toArray(String[]::new));
            assertThat(r.status()).as(url).isIn(200, 206);
            out.writeBytes(r.bytes());
        }
        return out.toByteArray();
    }

    /** The records of a CRAM against the reference {@code fasta}. */
    private static List<String> samRecords(byte[] bytes, String suffix, Path fasta) {
        Path tmp = write(bytes, suffix);
        try (SamReader reader = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT)
                .referenceSequence(fasta).open(tmp)) {
            return sam(reader.iterator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(tmp);
        }
    }

    private static Path htslibPairs(String name) {
        try {
            return Path.of(HtsgetApiTest.class.getResource("/htsget/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> samRecords(byte[] bytes, String suffix, Predicate<SAMRecord> keep) {
        Path tmp = write(bytes, suffix);
        try (SamReader reader = samReader(tmp)) {
            List<String> out = new ArrayList<>();
            for (SAMRecord r : reader) {
                if (keep.test(r)) {
                    out.add(r.getSAMString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(tmp);
        }
    }

    /** The variants of a VCF.gz, or of a BCF (decompressed first: htsjdk reads BCF uncompressed only). */
    private static List<String> variantRecords(byte[] bytes, String suffix) {
        Path tmp = write(suffix.equals(".bcf") ? gunzip(bytes) : bytes, suffix);
        try (VCFFileReader reader = new VCFFileReader(tmp, false)) {
            return variantIds(reader.iterator());
        } finally {
            delete(tmp);
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (var in = new htsjdk.samtools.util.BlockCompressedInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SamReader samReader(Path path) {
        return SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT)
                .referenceSequence(local.fasta).open(path);
    }

    private static List<String> sam(SAMRecordIterator it) {
        try (it) {
            List<String> out = new ArrayList<>();
            it.forEachRemaining(r -> out.add(r.getSAMString()));
            return out;
        }
    }

    private static List<String> variantIds(CloseableIterator<VariantContext> it) {
        try (it) {
            List<String> out = new ArrayList<>();
            it.forEachRemaining(v -> out.add(v.getContig() + ":" + v.getStart() + ":" + v.getID()));
            return out;
        }
    }

    private static String suffix(String file) {
        return file.substring(file.indexOf('.'));
    }

    private static Path write(byte[] bytes, String suffix) {
        try {
            Path tmp = Files.createTempFile("htsget-", suffix);
            Files.write(tmp, bytes);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
