package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * GA4GH DRS 1.5 at /ga4gh/drs/v1: every answer and error compared whole with golden files, on
 * every backend. Objects by id and by drs:// URI, their https access URLs fetched without a token
 * (whole, by range, twice), bulk calls mixing found, missing and forbidden ids, anonymous access
 * to a public project's files only, OPTIONS, service-info, and a deleted file gone from DRS.
 */
@OnEveryBackend
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // service-info counts only the first scenario's files
class DrsApiTest extends BackendSuite {
    private static final String DRS = "/ga4gh/drs/v1";
    private static final String NO_SUCH_ID = "0123456789abcdef01234567";
    private static final byte[] VCF = "##fileformat=VCFv4.3\n#CHROM\tPOS\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FASTA = ">chr1\nACGTACGT\n".getBytes(StandardCharsets.UTF_8);
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;
    private static GenomicTestFiles genomic;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
        http = fx.http;
        sc = new ApiScenario(http);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    /** One scenario: the service-info counts are those of exactly what it uploads. */
    @Test
    @Order(1)
    void objectsAccessBulkAuthorisationAndDeletion() throws Exception {
        Golden golden = fx.golden();
        String dora = sc.user("dora", "files", "projects");
        String doraWithoutFiles = sc.token("dora", "projects");
        String sam = sc.user("sam", "files");
        SbHttp sb = new SbHttp(http, dora);
        String cohort = sc.project(dora, "Cohort", false).get("id").asText();
        String raw = ok(sb.post("/files", Map.of("name", "raw", "type", "folder", "project", cohort)), 200)
                .get("id").asText();
        JsonNode vcf = sb.upload("parent", raw, "a.vcf", VCF, 1024);
        String a = vcf.get("id").asText();
        String open = sc.project(dora, "Open Data", true).get("id").asText();
        String ref = sb.upload("project", open, "ref.fa", FASTA, 1024).get("id").asText();

        // One object, by id and by its DRS URI, which the v2 file JSON shows too.
        JsonNode object = ok(get("/objects/" + a, dora), 200);
        golden.assertMatches("drs-object", object);
        assertThat(vcf.get("drs_uri").asText()).isEqualTo(object.get("self_uri").asText()).doesNotContain(":" + port());
        assertThat(ok(get("/objects/" + encode(object.get("self_uri").asText()), dora), 200)).isEqualTo(object);
        assertThat(ok(http.send("GET", DRS + "/objects/" + a, null, null, null, "X-SBG-Auth-Token", dora), 200))
                .as("the Seven Bridges header works too").isEqualTo(object);
        assertThat(ok(get("/objects/" + a + "?expand=true", dora), 200)).isEqualTo(object);
        assertThat(ok(post("/objects/" + a, dora, Map.of("expand", false, "passports", List.of())), 200))
                .as("DRS 1.2's POST form").isEqualTo(object);
        golden.assertMatches("drs-error-400-post-passport",
                ok(post("/objects/" + a, dora, Map.of("passports", List.of("eyJhbGciOi"))), 400));
        assertThat(ok(sb.get("/files/" + raw), 200).get("drs_uri").isNull()).as("folders have none").isTrue();

        // Its bytes: a presigned URL that needs no token, serves ranges, and works more than once.
        JsonNode access = ok(get("/objects/" + a + "/access/https", dora), 200);
        golden.assertMatches("drs-access", access);
        String url = access.get("url").asText();
        assertThat(http.send("GET", url, null, null, null).bytes()).isEqualTo(VCF);
        TestHttp.Response range = http.send("GET", url, null, null, null, "Range", "bytes=2-11");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(VCF, 2, 12));
        assertThat(http.send("GET", url, null, null, null).bytes()).as("reusable").isEqualTo(VCF);

        // Without a token: a public project's files, and nothing else, whether it exists or not.
        JsonNode publicObject = ok(get("/objects/" + ref, null), 200);
        golden.assertMatches("drs-object-public", publicObject);
        String publicUrl = ok(get("/objects/" + ref + "/access/https", null), 200).get("url").asText();
        assertThat(http.send("GET", publicUrl, null, null, null).bytes()).isEqualTo(FASTA);
        String postedUrl = ok(post("/objects/" + ref + "/access/https", null, "{}"), 200).get("url").asText();
        assertThat(http.send("GET", postedUrl, null, null, null, "Range", "bytes=1-4").bytes())
                .isEqualTo(Arrays.copyOfRange(FASTA, 1, 5));
        JsonNode anonymousPrivate = ok(get("/objects/" + a, null), 401);
        golden.assertMatches("drs-error-401-no-token", anonymousPrivate);
        assertThat(ok(get("/objects/" + NO_SUCH_ID, null), 401).get("msg").asText())
                .isEqualTo(anonymousPrivate.get("msg").asText().replace(a, NO_SUCH_ID));
        assertThat(ok(get("/objects/" + a + "/access/https", null), 401)).isEqualTo(anonymousPrivate);
        golden.assertMatches("drs-error-401-bad-token", ok(get("/objects/" + a, "svt_not-a-real-token"), 401));

        // Every URL handed out is in the audit trail; an anonymous one names no user but the client's address.
        JsonNode handedOut = ok(http.get("/admin/v1/audit?action=file.download_url&limit=100", sc.admin), 200);
        assertThat(handedOut.get("records")).anySatisfy(r -> {
            assertThat(r.get("target_id").asText()).isEqualTo(ref);
            assertThat(r.get("user_id").isNull()).isTrue();
            assertThat(r.get("client_address").asText()).isEqualTo("127.0.0.1");
            assertThat(r.at("/detail/via").asText()).isEqualTo("drs");
        });
        assertThat(handedOut.get("records")).anySatisfy(r -> {
            assertThat(r.get("target_id").asText()).isEqualTo(a);
            assertThat(r.get("username").asText()).isEqualTo("dora");
        });

        // With a token: the rest of the service's rules (404 for what the caller may not read).
        JsonNode strangers = ok(get("/objects/" + a, sam), 404);
        golden.assertMatches("drs-error-404", strangers);
        assertThat(ok(get("/objects/" + NO_SUCH_ID, dora), 404).get("msg").asText())
                .isEqualTo(strangers.get("msg").asText().replace(a, NO_SUCH_ID));
        assertThat(ok(get("/objects/" + a + "/access/https", sam), 404)).isEqualTo(strangers);
        assertThat(ok(get("/objects/" + ref, sam), 200)).isEqualTo(publicObject);
        golden.assertMatches("drs-error-403-scope", ok(get("/objects/" + a, doraWithoutFiles), 403));
        golden.assertMatches("drs-error-404-folder", ok(get("/objects/" + raw, dora), 404));
        golden.assertMatches("drs-error-404-access-id", ok(get("/objects/" + a + "/access/s3", dora), 404));
        golden.assertMatches("drs-error-400-other-host", ok(get("/objects/" + encode("drs://elsewhere.org/" + a), dora), 400));
        golden.assertMatches("drs-error-400-expand", ok(get("/objects/" + a + "?expand=maybe", dora), 400));
        golden.assertMatches("drs-error-405", ok(get("/objects", dora), 405));

        // How to authorise: answered to anyone, telling nothing of what is not public.
        golden.assertMatches("drs-options-public", ok(options("/objects/" + ref, null), 200));
        JsonNode privateOptions = ok(options("/objects/" + a, null), 200);
        golden.assertMatches("drs-options-token-needed", privateOptions);
        assertThat(ok(options("/objects/" + NO_SUCH_ID, null), 200).toString())
                .isEqualTo(privateOptions.toString().replace(a, NO_SUCH_ID));
        assertThat(ok(options("/objects/" + a, dora), 200)).isEqualTo(privateOptions);
        assertThat(ok(options("/objects/" + a, sam), 404)).isEqualTo(strangers);
        List<String> several = List.of(ref, a, NO_SUCH_ID, "drs://elsewhere.org/" + a);
        golden.assertMatches("drs-options-bulk-no-token",
                ok(http.sendJson("OPTIONS", DRS + "/objects", null, Map.of("bulk_object_ids", several)), 200));
        golden.assertMatches("drs-options-bulk",
                ok(http.sendJson("OPTIONS", DRS + "/objects", sam, Map.of("bulk_object_ids", several)), 200));

        // Bulk: found, missing and forbidden ids; forbidden ones are answered as missing ones.
        List<String> ids = List.of(ref, NO_SUCH_ID, a, "drs://elsewhere.org/" + a, raw);
        golden.assertMatches("drs-bulk-objects", ok(post("/objects", sam, Map.of("bulk_object_ids", ids)), 200));
        golden.assertMatches("drs-bulk-objects-no-token",
                ok(post("/objects", null, Map.of("bulk_object_ids", ids, "passports", List.of())), 200));
        JsonNode mine = ok(post("/objects?expand=false", dora, Map.of("bulk_object_ids", List.of(a, object.get("self_uri").asText()))), 200);
        assertThat(mine.at("/resolved_drs_object/0")).isEqualTo(object);
        assertThat(mine.at("/resolved_drs_object/1")).isEqualTo(object);
        List<Map<String, Object>> accessIds = List.of(
                Map.of("bulk_object_id", a, "bulk_access_ids", List.of("https")),
                Map.of("bulk_object_id", ref, "bulk_access_ids", List.of("https", "https")),
                Map.of("bulk_object_id", NO_SUCH_ID, "bulk_access_ids", List.of("https")),
                Map.of("bulk_object_id", a, "bulk_access_ids", List.of("https", "gs")));
        JsonNode urls = ok(post("/objects/access", dora, Map.of("bulk_object_access_ids", accessIds)), 200);
        golden.assertMatches("drs-bulk-access", urls);
        assertThat(http.send("GET", urls.at("/resolved_drs_object_access_urls/0/url").asText(), null, null, null).bytes())
                .isEqualTo(VCF);
        golden.assertMatches("drs-bulk-access-no-token",
                ok(post("/objects/access", null, Map.of("bulk_object_access_ids", accessIds)), 200));
        golden.assertMatches("drs-error-403-bulk-scope",
                ok(post("/objects", doraWithoutFiles, Map.of("bulk_object_ids", List.of(a))), 403));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(a);
        }
        golden.assertMatches("drs-error-413", ok(post("/objects", dora, Map.of("bulk_object_ids", tooMany)), 413));
        golden.assertMatches("drs-error-400-bulk-empty", ok(post("/objects", dora, Map.of("bulk_object_ids", List.of())), 400));
        golden.assertMatches("drs-error-400-passport",
                ok(post("/objects", dora, Map.of("bulk_object_ids", List.of(a), "passports", List.of("eyJ"))), 400));
        golden.assertMatches("drs-error-400-json", ok(http.send("POST", DRS + "/objects", dora, "application/json",
                "{\"bulk_object_ids\": [".getBytes(StandardCharsets.UTF_8)), 400));

        // What the service holds: the two files uploaded here.
        golden.assertMatches("drs-service-info", ok(get("/service-info", null), 200));

        // A deleted file is gone from DRS at once, and so are the URLs handed out for it.
        ok(sb.delete("/files/" + a), 204);
        assertThat(ok(get("/objects/" + a, dora), 404).get("msg").asText()).contains(a);
        assertThat(http.send("GET", url, null, null, null).status()).isEqualTo(404);
        JsonNode afterDelete = ok(post("/objects", dora, Map.of("bulk_object_ids", List.of(a, ref))), 200);
        assertThat(afterDelete.at("/unresolved_drs_objects/0/error_code").asInt()).isEqualTo(404);
        assertThat(afterDelete.at("/unresolved_drs_objects/0/object_ids/0").asText()).isEqualTo(a);
        assertThat(afterDelete.at("/resolved_drs_object/0/id").asText()).isEqualTo(ref);
    }

    /**
     * A BAM with its index beside it also has an htsget access method whose URL is a working htsget
     * endpoint (for the same token); without the index it has only https.
     */
    @Test
    @Order(2)
    void indexedBamHasHtsgetAccess() throws Exception {
        if (genomic == null) {
            genomic = GenomicTestFiles.write(Files.createTempDirectory("seqvault-drs-"), 7);
        }
        Golden golden = fx.golden();
        String hana = sc.user("hana", "files", "projects");
        SbHttp sb = new SbHttp(http, hana);
        String project = sc.project(hana, "Reads", false).get("id").asText();
        String bam = sb.upload("project", project, "reads.bam", Files.readAllBytes(genomic.bam),
                ServerFixture.PART_SIZE).get("id").asText();
        JsonNode unindexed = ok(get("/objects/" + bam, hana), 200);
        assertThat(unindexed.get("access_methods")).as("no index yet: https only").hasSize(1);

        sb.upload("project", project, "reads.bam.bai", Files.readAllBytes(genomic.bai()), ServerFixture.PART_SIZE);
        JsonNode indexed = ok(get("/objects/" + bam, hana), 200);
        golden.assertMatches("drs-object-htsget", indexed);
        assertThat(ok(post("/objects", hana, Map.of("bulk_object_ids", List.of(bam))), 200)
                .at("/resolved_drs_object/0")).as("a bulk answer lists it too").isEqualTo(indexed);

        String htsgetUrl = indexed.at("/access_methods/1/access_url/url").asText();
        assertThat(htsgetUrl).startsWith(fx.server.publicUrl() + "/ga4gh/htsget/v1/reads/");
        JsonNode ticket = ok(http.get(URI.create(htsgetUrl).getPath() + "?referenceName=chr1", hana), 200);
        assertThat(ticket.at("/htsget/format").asText()).isEqualTo("BAM");
        assertThat(ticket.at("/htsget/urls")).isNotEmpty();
    }

    private static TestHttp.Response get(String path, String token) {
        return http.get(DRS + path, token);
    }

    private static TestHttp.Response options(String path, String token) {
        return http.send("OPTIONS", DRS + path, token, null, null);
    }

    private static TestHttp.Response post(String path, String token, Object body) {
        return http.postJson(DRS + path, token, body);
    }

    private static int port() {
        return java.net.URI.create(fx.server.publicUrl()).getPort();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
