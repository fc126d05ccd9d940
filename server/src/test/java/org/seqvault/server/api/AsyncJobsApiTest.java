package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.ProjectRef;
import org.seqvault.service.support.RandomIds;
import org.seqvault.store.sql.SqlMetadataStore;

/**
 * /v2/async/files: jobs answered at once and run by the server's runner; whole trees (depth 4, over 500
 * nodes) copied within and across projects, moved and deleted; clashes renamed _1_, _2_; mixed good and bad
 * items fail alone, in order; counts and states; the list pages newest first; nobody else sees a job.
 * The batch size is small, so a tree takes many transactions.
 */
@OnEveryBackend
class AsyncJobsApiTest extends BackendSuite {
    private static final String NO_SUCH_ID = "0123456789abcdef01234567";
    private static final int BATCH = 37;
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;
    static int users;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend, org.seqvault.service.port.Clock.system(), cfg -> cfg.withJobBatchSize(BATCH));
        http = fx.http;
        sc = new ApiScenario(http);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    @Test
    void answersAndErrorsAreTheGoldenOnes() throws Exception {
        Golden golden = fx.golden();
        String token = sc.user("golden-jobber", "files", "projects");
        SbHttp sb = new SbHttp(http, token);
        String pid = sc.project(token, "Jobs", false).get("id").asText();
        String raw = ok(sb.post("/files", Map.of("name", "raw", "type", "folder", "project", pid)), 200).get("id").asText();
        String a = sb.upload("project", pid, "a.vcf", new byte[] {1}, 1024).get("id").asText();

        TestHttp.Response posted = sb.post("/async/files/copy", Map.of("items", List.of(
                Map.of("file", a, "parent", raw),
                Map.of("file", a, "parent", raw),
                Map.of("file", NO_SUCH_ID, "project", pid),
                Map.of("file", raw, "parent", raw),
                Map.of("file", a, "parent", NO_SUCH_ID),
                Map.of("file", a, "parent", raw, "project", pid))));
        JsonNode submitted = ok(posted, 200);
        golden.assertMatches("v2-async-copy-submitted", submitted);
        JsonNode finished = finish(sb, submitted);
        golden.assertMatches("v2-async-copy-finished", finished);
        assertThat(names(finished)).containsExactly("a.vcf", "_1_a.vcf", null, null, null, null);
        assertThat(codes(finished)).containsExactly(0, 0, 5002, 90000, 5026, 5031);
        assertThat(finished.get("total_files").asLong()).isEqualTo(6);
        assertThat(finished.get("completed_files").asLong()).isEqualTo(2);
        assertThat(finished.get("failed_files").asLong()).isEqualTo(4);
        List<String> outcomes = new ArrayList<>();
        for (JsonNode record : ok(http.get("/admin/v1/audit?action=file.copy&limit=100", sc.admin), 200).get("records")) {
            if (record.at("/detail/job").asText().equals(submitted.get("id").asText())) {
                assertThat(record.get("username").asText()).isEqualTo("golden-jobber");
                assertThat(record.get("request_id").asText()).as("the submitting request")
                        .isEqualTo(posted.header("X-Request-Id"));
                outcomes.add(record.at("/detail/item").asInt() + ":" + record.get("outcome").asText());
            }
        }
        assertThat(outcomes).as("one audit record per item").containsExactlyInAnyOrder("0:ok", "1:ok", "2:not_found",
                "3:invalid", "4:not_found", "5:invalid");

        JsonNode moved = finish(sb, ok(sb.post("/async/files/move", Map.of("items", List.of(
                Map.of("file", a, "parent", raw, "name", "moved.vcf")))), 200));
        golden.assertMatches("v2-async-move-finished", moved);
        JsonNode deleted = finish(sb, ok(sb.post("/async/files/delete", Map.of("items", List.of(
                Map.of("file", a), Map.of("file", NO_SUCH_ID)))), 200));
        golden.assertMatches("v2-async-delete-finished", deleted);
        assertThat(sb.get("/files/" + a).status()).isEqualTo(404);

        golden.assertMatches("v2-async-error-400-too-many-items",
                ok(sb.post("/async/files/delete", Map.of("items", java.util.Collections.nCopies(101, Map.of("file", a)))),
                        400));
        golden.assertMatches("v2-async-error-400-no-items", ok(sb.post("/async/files/copy", Map.of("items", List.of())), 400));
        golden.assertMatches("v2-async-error-400-malformed", ok(sb.post("/async/files/move", "{\"items\": {"), 400));
        golden.assertMatches("v2-async-error-400-item-not-an-object",
                ok(sb.post("/async/files/move", Map.of("items", List.of("x"))), 400));
        String id = deleted.get("id").asText();
        golden.assertMatches("v2-async-error-404-other-type", ok(sb.get("/async/files/copy/" + id), 404));
        String other = sc.user("golden-stranger", "files");
        golden.assertMatches("v2-async-error-404-other-user", ok(sb.as(other).get("/async/files/delete/" + id), 404));
        assertThat(ok(sb.as(other).get("/async/files"), 200).get("items")).isEmpty();
    }

    @Test
    void theListIsTheCallersJobsNewestFirstInPages() {
        String token = sc.user("jobber" + (++users), "files", "projects");
        SbHttp sb = new SbHttp(http, token);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ok(sb.post("/async/files/delete", Map.of("items", List.of(Map.of("file", NO_SUCH_ID)))), 200)
                    .get("id").asText());
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode page : sb.allPages("/async/files?limit=2", 5)) {
            page.get("items").forEach(job -> listed.add(job.get("id").asText()));
        }
        assertThat(listed).containsExactlyElementsOf(ids.reversed());
        JsonNode first = ok(sb.get("/async/files?offset=0&limit=2"), 200);
        assertThat(first.get("href").asText()).endsWith("/v2/async/files?offset=0&limit=2");
    }

    @Test
    void aTreeIsCopiedWithinAndAcrossProjectsMovedAndDeletedWhole() throws Exception {
        String token = sc.user("jobber" + (++users), "files", "projects");
        SbHttp sb = new SbHttp(http, token);
        String pid = sc.project(token, "Trees", false).get("id").asText();
        String other = sc.project(token, "Elsewhere", false).get("id").asText();
        byte[][] contents = {"alpha".getBytes(), "beta-beta".getBytes(), "gamma-gamma-gamma".getBytes()};
        List<String> blobFiles = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            blobFiles.add(sb.upload("project", pid, "seed" + i + ".bin", contents[i], 1024).get("id").asText());
        }
        ok(sb.patch("/files/" + blobFiles.get(1) + "/metadata", Map.of("sample_id", "S1", "platform", "ONT")), 200);
        ok(sb.put("/files/" + blobFiles.get(1) + "/tags", List.of("wgs", "batch-2")), 200);
        String tree = buildTree(pid, "tree", blobFiles);
        Map<String, String> source = walk(sb, tree);
        assertThat(source).hasSizeGreaterThanOrEqualTo(500);
        assertThat(source.keySet()).anyMatch(path -> path.chars().filter(c -> c == '/').count() >= 3);
        assertThat(source.values()).anyMatch(v -> v.contains("\"sample_id\":\"S1\"") && v.contains("batch-2"));
        long nodes = source.size() + 1;

        String root = ok(sb.get("/projects/" + pid), 200).get("root_folder").asText();
        JsonNode copies = finish(sb, ok(sb.post("/async/files/copy", Map.of("items", List.of(
                Map.of("file", tree, "parent", root),
                Map.of("file", tree, "project", pid),
                Map.of("file", tree, "project", other)))), 200));
        assertThat(copies.get("total_files").asLong()).isEqualTo(3 * nodes);
        assertThat(copies.get("completed_files").asLong()).isEqualTo(3 * nodes);
        assertThat(copies.get("failed_files").asLong()).isZero();
        assertThat(names(copies)).containsExactly("_1_tree", "_2_tree", "tree");
        for (JsonNode item : copies.get("result")) {
            String copy = item.at("/resource/id").asText();
            assertThat(copy).isNotEqualTo(tree);
            assertThat(walk(sb, copy)).as("the copy's tree").isEqualTo(source);
        }
        String crossCopy = copies.at("/result/2/resource/id").asText();
        assertThat(copies.at("/result/2/resource/project").asText()).isEqualTo(other);
        String sample = firstFile(sb, crossCopy);
        assertThat(sha256(download(sb, sample))).isIn(sha256(contents[0]), sha256(contents[1]), sha256(contents[2]));

        assertThat(ok(sb.get("/projects/" + other), 200).at("/usage/files").asLong()).isEqualTo(nodes - 105);
        // Move the cross-project copy back next to the source: its name is taken, ids stay.
        Map<String, String> idsBefore = walkIds(sb, crossCopy);
        JsonNode moved = finish(sb, ok(sb.post("/async/files/move", Map.of("items", List.of(
                Map.of("file", crossCopy, "project", pid)))), 200));
        assertThat(moved.get("completed_files").asLong()).isEqualTo(nodes);
        assertThat(moved.at("/result/0/resource/id").asText()).isEqualTo(crossCopy);
        assertThat(moved.at("/result/0/resource/name").asText()).isEqualTo("_3_tree");
        assertThat(moved.at("/result/0/resource/project").asText()).isEqualTo(pid);
        assertThat(walkIds(sb, crossCopy)).isEqualTo(idsBefore);
        assertThat(ok(sb.get("/files?project=" + other), 200).get("items")).isEmpty();
        assertThat(ok(sb.get("/projects/" + other), 200).at("/usage/files").asLong()).isZero();
        assertThat(sha256(download(sb, sample))).isIn(sha256(contents[0]), sha256(contents[1]), sha256(contents[2]));

        JsonNode deleted = finish(sb, ok(sb.post("/async/files/delete", Map.of("items", List.of(
                Map.of("file", crossCopy), Map.of("file", copies.at("/result/0/resource/id").asText())))), 200));
        assertThat(deleted.get("total_files").asLong()).isEqualTo(2 * nodes);
        assertThat(deleted.get("completed_files").asLong()).isEqualTo(2 * nodes);
        assertThat(deleted.at("/result/0/resource/name").asText()).isEqualTo("_3_tree");
        assertThat(sb.get("/files/" + crossCopy).status()).isEqualTo(404);
        assertThat(sb.get("/files/" + sample).status()).isEqualTo(404);
        List<String> left = new ArrayList<>();
        ok(sb.get("/files?project=" + pid + "&limit=100"), 200).get("items").forEach(n -> left.add(n.get("name").asText()));
        assertThat(left).containsExactly("_2_tree", "tree", "seed0.bin", "seed1.bin", "seed2.bin");
        assertThat(walk(sb, tree)).as("the source is untouched").isEqualTo(source);
    }

    @Test
    void badItemsFailAloneWithTheirOwnErrors() throws Exception {
        String owner = sc.user("jobber" + (++users), "files", "projects");
        String readerName = "jobber" + (++users);
        String reader = sc.user(readerName, "files", "projects");
        SbHttp sb = new SbHttp(http, owner);
        String shared = sc.project(owner, "Shared", false).get("id").asText();
        sc.addMember(owner, shared, readerName, Map.of("read", true));
        String sharedFile = sb.upload("project", shared, "locked.vcf", new byte[] {7}, 1024).get("id").asText();
        String sharedFolder = ok(sb.post("/files", Map.of("name", "dir", "type", "folder", "project", shared)), 200)
                .get("id").asText();
        sb.upload("parent", sharedFolder, "in.vcf", new byte[] {8}, 1024);
        SbHttp as = sb.as(reader);
        String mine = sc.project(reader, "Mine", false).get("id").asText();
        String myFile = as.upload("project", mine, "mine.vcf", new byte[] {9}, 1024).get("id").asText();
        String myFolder = ok(as.post("/files", Map.of("name", "box", "type", "folder", "project", mine)), 200)
                .get("id").asText();
        String inner = ok(as.post("/files", Map.of("name", "inner", "type", "folder", "parent", myFolder)), 200)
                .get("id").asText();

        JsonNode move = finish(as, ok(as.post("/async/files/move", Map.of("items", List.of(
                Map.of("file", sharedFile, "project", mine),
                Map.of("file", myFile, "parent", myFolder),
                Map.of("file", myFolder, "parent", inner),
                Map.of("file", sharedFolder, "project", mine),
                Map.of("file", myFile, "project", shared)))), 200));
        assertThat(codes(move)).containsExactly(5001, 0, 90000, 5001, 5001);
        assertThat(move.at("/result/1/resource/parent").asText()).isEqualTo(myFolder);
        assertThat(move.get("completed_files").asLong()).isEqualTo(1);
        assertThat(move.get("failed_files").asLong()).isEqualTo(4);

        JsonNode copy = finish(as, ok(as.post("/async/files/copy", Map.of("items", List.of(
                Map.of("file", sharedFolder, "project", mine),
                Map.of("file", sharedFile, "project", shared)))), 200));
        assertThat(codes(copy)).as("the reader may read but not copy out, nor write in the shared project")
                .containsExactly(5001, 5001);
        JsonNode delete = finish(as, ok(as.post("/async/files/delete", Map.of("items", List.of(
                Map.of("file", sharedFolder), Map.of("file", myFolder)))), 200));
        assertThat(codes(delete)).containsExactly(5001, 0);
        assertThat(delete.get("completed_files").asLong()).as("the folder, its sub-folder and the file moved in")
                .isEqualTo(3);
        assertThat(sb.get("/files/" + sharedFolder).status()).isEqualTo(200);
        String stranger = sc.user("jobber" + (++users), "files");
        JsonNode hidden = finish(sb.as(stranger), ok(sb.as(stranger).post("/async/files/delete",
                Map.of("items", List.of(Map.of("file", sharedFile)))), 200));
        assertThat(codes(hidden)).as("no existence leak").containsExactly(5002);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Polls the job until it is FINISHED (bounded), checking that it moves only forward. */
    static JsonNode finish(SbHttp sb, JsonNode job) throws InterruptedException {
        List<String> states = List.of("SUBMITTED", "RESOLVING", "RUNNING", "FINISHED");
        String path = "/async/files/" + job.get("type").asText().toLowerCase() + "/" + job.get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        int seen = 0;
        while (true) {
            JsonNode now = ok(sb.get(path), 200);
            int state = states.indexOf(now.get("state").asText());
            assertThat(state).as("state of %s", now).isGreaterThanOrEqualTo(seen);
            seen = state;
            if (state == 3) {
                assertThat(now.get("result")).hasSize(now.get("result").size());
                assertThat(now.get("finished_on").isNull()).isFalse();
                assertThat(now.get("completed_files").asLong() + now.get("failed_files").asLong())
                        .isEqualTo(now.get("total_files").asLong());
                return now;
            }
            assertThat(now.get("result")).as("no result before the end").isEmpty();
            assertThat(Instant.now()).as("job %s finishes", path).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    static List<String> names(JsonNode job) {
        List<String> names = new ArrayList<>();
        job.get("result").forEach(r -> names.add(r.has("resource") ? r.at("/resource/name").asText() : null));
        return names;
    }

    static List<Integer> codes(JsonNode job) {
        List<Integer> codes = new ArrayList<>();
        job.get("result").forEach(r -> codes.add(r.has("error") ? r.at("/error/code").asInt() : 0));
        return codes;
    }

    /** Every node below a folder, by path relative to it ("a/b/x.bin", folders with a trailing "/"), with its size, metadata and tags. */
    static Map<String, String> walk(SbHttp sb, String folder) {
        Map<String, String> out = new TreeMap<>();
        walk(sb, folder, "", out, false);
        return out;
    }

    /** As {@link #walk}, with each node's id instead of its size. */
    static Map<String, String> walkIds(SbHttp sb, String folder) {
        Map<String, String> out = new TreeMap<>();
        walk(sb, folder, "", out, true);
        return out;
    }

    private static void walk(SbHttp sb, String folder, String prefix, Map<String, String> out, boolean ids) {
        for (JsonNode page : sb.allPages("/files/" + folder + "/list?limit=100", total(sb, folder))) {
            for (JsonNode node : page.get("items")) {
                boolean isFolder = node.get("type").asText().equals("folder");
                String path = prefix + node.get("name").asText() + (isFolder ? "/" : "");
                assertThat(out).as("listed once").doesNotContainKey(path);
                out.put(path, ids ? node.get("id").asText()
                        : node.get("size").asText() + " " + node.get("metadata") + " " + node.get("tags"));
                if (isFolder) {
                    walk(sb, node.get("id").asText(), path, out, ids);
                }
            }
        }
    }

    private static long total(SbHttp sb, String folder) {
        return Long.parseLong(sb.get("/files/" + folder + "/list?limit=1").header(SbHttp.TOTAL));
    }

    private static String firstFile(SbHttp sb, String folder) {
        return walkIds(sb, folder).entrySet().stream().filter(e -> !e.getKey().endsWith("/")).findFirst()
                .orElseThrow().getValue();
    }

    private static byte[] download(SbHttp sb, String file) {
        String url = ok(sb.get("/files/" + file + "/download_info"), 200).get("url").asText();
        TestHttp.Response r = http.send("GET", url, null, null, null);
        assertThat(r.status()).isEqualTo(200);
        return r.bytes();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * A folder {@code name} at the project's top: 4 folders, each with 5, each with 4 holding 6 files, and a
     * file beside each of the 20 middle folders (the files share the seed files' bytes): 605 nodes, depth 4.
     * Written through the store, a transaction per top folder, as uploads of that many files would take long.
     */
    static String buildTree(String projectId, String name, List<String> seedFiles) {
        RandomIds ids = new RandomIds();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (SqlMetadataStore store = fx.openMetadataStore()) {
            return store.write(tx -> {
                var project = tx.projects().byRef(ProjectRef.parse(projectId)).orElseThrow();
                List<Node> seeds = tx.nodes().byIds(seedFiles);
                Node root = tx.nodes().byId(project.rootFolderId()).orElseThrow();
                Node top = folder(ids, root, name, now);
                tx.nodes().insert(top);
                int n = 0;
                for (int a = 0; a < 4; a++) {
                    Node fa = folder(ids, top, "a" + a, now);
                    tx.nodes().insert(fa);
                    for (int b = 0; b < 5; b++) {
                        Node fb = folder(ids, fa, "b" + b, now);
                        tx.nodes().insert(fb);
                        tx.nodes().insert(file(ids, fa, "note" + b + ".txt", seeds.get(n++ % seeds.size()), now));
                        for (int c = 0; c < 4; c++) {
                            Node fc = folder(ids, fb, "c" + c, now);
                            tx.nodes().insert(fc);
                            for (int f = 0; f < 6; f++) {
                                tx.nodes().insert(file(ids, fc, "s" + f + ".bam", seeds.get(n++ % seeds.size()), now));
                            }
                        }
                    }
                }
                return top.id();
            });
        }
    }

    private static Node folder(RandomIds ids, Node parent, String name, Instant now) {
        return new Node(ids.objectId(), parent.projectId(), parent.id(), name, NodeType.FOLDER, parent.key() + name + "/",
                null, 0, null, null, null, null, null, null, now, now);
    }

    private static Node file(RandomIds ids, Node parent, String name, Node seed, Instant now) {
        return new Node(ids.objectId(), parent.projectId(), parent.id(), name, NodeType.FILE, parent.key() + name,
                seed.blobId(), seed.size(), seed.checksums(), seed.contentType(), null, null, seed.metadata(),
                seed.tags(), now, now);
    }
}
