package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.ProjectRef;
import org.seqvault.service.support.RandomIds;
import org.seqvault.store.sql.SqlMetadataStore;
import org.seqvault.testkit.stores.S3TestServer;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * Async jobs survive SIGKILL: a copy of a 585-node tree and a move of 80 folders, killed (SIGKILL) while
 * RUNNING with part of the work committed, finish exactly once after a restart on the same database and
 * blob store: the copy lists exactly the source's tree (nothing missing, nothing twice, no _1_ left by a
 * repeated batch), its sampled files hash like the source's, the moved folders are each moved once, and
 * the counts add up. Batches of 3 make a job hundreds of transactions long; should a job still finish
 * before the kill lands, the test tries again (a bounded number of times), so it always kills mid-job.
 */
class JobKillE2ETest {
    private static final String S3_PREFIX = "job-kill";
    private static final int ATTEMPTS = 20;

    @TempDir
    Path dataDir;

    @Test
    void jobsKilledMidWayFinishOnceOnSqliteAndLocalFiles() throws Exception {
        killAndResume(Map.of(), "jdbc:sqlite:" + dataDir.resolve("seqvault.db"), null, null);
    }

    @Test
    void jobsKilledMidWayFinishOnceOnPostgresqlAndS3() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        S3TestServer s3 = S3TestServer.shared();
        try {
            killAndResume(PostgresAndS3.settings(db, s3, S3_PREFIX, "job-kill-signing-key-0123456789abcdef"),
                    db.jdbcUrl(), db.user(), db.password());
        } finally {
            s3.clear(S3_PREFIX);
        }
    }

    private void killAndResume(Map<String, String> backend, String jdbcUrl, String dbUser, String dbPassword)
            throws Exception {
        Map<String, String> env = new HashMap<>(backend);
        env.put("SEQVAULT_JOB_BATCH_SIZE", "3");
        List<byte[]> seeds = List.of("seed-one\n".getBytes(StandardCharsets.UTF_8),
                "seed-two-two\n".getBytes(StandardCharsets.UTF_8), "seed-three-three-three\n".getBytes(StandardCharsets.UTF_8));
        String token;
        String project;
        String tree;
        Map<String, String> source;
        Map<String, String> sourceHashes;
        String copyJob;
        ServerProcess first = ServerProcess.start(dataDir, "256m", env);
        try {
            Client client = new Client(first.url);
            token = userToken(client);
            String workspace = expect(client.call("POST", "/v1/workspaces", token, Map.of("name", "Kill")), 201)
                    .get("workspace_id").asText();
            project = expect(client.call("GET", "/v1/workspaces", token, null), 200).get("workspaces").get(0)
                    .get("project").asText();
            List<String> seedIds = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                seedIds.add(formUpload(client, token, workspace, "seeds/", "seed" + i + ".txt", seeds.get(i)));
            }
            tree = buildTree(jdbcUrl, dbUser, dbPassword, project, seedIds);
            source = walk(client, token, tree);
            assertThat(source).hasSize(584);
            sourceHashes = hashes(client, token, tree, source);

            String root = expect(client.call("GET", "/v2/projects/" + project, token, null), 200).get("root_folder").asText();
            copyJob = submitAndKill(first, client, token, "copy", Map.of("items", List.of(Map.of("file", tree,
                    "parent", root))), null);
        } finally {
            first.close();
        }

        String moveJob;
        List<String> cFolders;
        Map<String, String> movedBack;
        try (ServerProcess second = ServerProcess.start(dataDir, "256m", env)) {
            Client client = new Client(second.url);
            JsonNode copied = awaitFinished(client, token, "copy", copyJob);
            assertThat(copied.get("total_files").asLong()).isEqualTo(585);
            assertThat(copied.get("completed_files").asLong()).as("every node copied, once").isEqualTo(585);
            assertThat(copied.get("failed_files").asLong()).isZero();
            String copy = copied.at("/result/0/resource/id").asText();
            assertThat(copied.at("/result/0/resource/name").asText()).startsWith("_").endsWith("_tree");
            assertThat(walk(client, token, copy)).as("the copy's tree is the source's").isEqualTo(source);
            assertThat(hashes(client, token, copy, source)).as("sampled files' SHA-256").isEqualTo(sourceHashes);

            // Then a move of the 80 deepest folders of the source into one folder, killed half-way.
            String into = expect(client.call("POST", "/v2/files", token, Map.of("name", "moved", "type", "folder",
                    "project", project)), 200).get("id").asText();
            Map<String, String> ids = walkIds(client, token, tree);
            cFolders = new ArrayList<>();
            movedBack = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : ids.entrySet()) {
                if (e.getKey().matches("a\\d/b\\d/c\\d/")) {
                    cFolders.add(e.getValue());
                    movedBack.put(e.getValue(), ids.get(e.getKey().substring(0, e.getKey().length() - 3)));
                }
            }
            assertThat(cFolders).hasSize(80);
            List<Map<String, String>> items = cFolders.stream().map(id -> Map.of("file", id, "parent", into)).toList();
            moveJob = submitAndKill(second, client, token, "move", Map.of("items", items), movedBack);
        }

        try (ServerProcess third = ServerProcess.start(dataDir, "256m", env)) {
            Client client = new Client(third.url);
            JsonNode moved = awaitFinished(client, token, "move", moveJob);
            assertThat(moved.get("total_files").asLong()).isEqualTo(80 * 7);
            assertThat(moved.get("completed_files").asLong()).isEqualTo(80 * 7);
            assertThat(moved.get("failed_files").asLong()).isZero();
            List<String> resultIds = new ArrayList<>();
            moved.get("result").forEach(r -> resultIds.add(r.at("/resource/id").asText()));
            assertThat(resultIds).as("ids kept, in item order").isEqualTo(cFolders);
            String into = moved.at("/result/0/resource/parent").asText();
            Map<String, String> inside = walk(client, token, into);
            TreeSet<String> names = new TreeSet<>();
            inside.keySet().stream().filter(p -> p.indexOf('/') == p.length() - 1).forEach(names::add);
            TreeSet<String> expected = new TreeSet<>();
            for (int c = 0; c < 4; c++) {
                for (int n = 0; n < 20; n++) {
                    expected.add((n == 0 ? "" : "_" + n + "_") + "c" + c + "/");
                }
            }
            assertThat(names).as("each folder moved once: one name each, the smallest free ones").isEqualTo(expected);
            assertThat(inside).hasSize(80 * 7);
            assertThat(walk(client, token, tree)).hasSize(584 - 80 * 7);
        }
    }

    /**
     * Submits the job and SIGKILLs the server once the job is RUNNING with work committed. A job that
     * finishes first is undone by {@code undo} (a move job putting each item back where it was; a copy
     * is simply left) and submitted again, at most {@link #ATTEMPTS} times. Returns the killed job's id.
     */
    private static String submitAndKill(ServerProcess server, Client client, String token, String type,
                                        Map<String, ?> body, Map<String, String> undo) throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String id = expect(client.call("POST", "/v2/async/files/" + type, token, body), 200).get("id").asText();
            while (true) {
                JsonNode job = expect(client.call("GET", "/v2/async/files/" + type + "/" + id, token, null), 200);
                String state = job.get("state").asText();
                if (state.equals("FINISHED")) {
                    break;
                }
                if (job.get("completed_files").asLong() > 0) {
                    server.process.destroyForcibly(); // SIGKILL on Linux
                    server.process.waitFor();
                    return id;
                }
            }
            if (undo != null) {
                List<Map<String, String>> back = new ArrayList<>();
                undo.forEach((item, parent) -> back.add(Map.of("file", item, "parent", parent)));
                String undoId = expect(client.call("POST", "/v2/async/files/move", token, Map.of("items", back)), 200)
                        .get("id").asText();
                assertThat(awaitFinished(client, token, "move", undoId).get("failed_files").asLong()).isZero();
            }
        }
        throw new AssertionError("every one of " + ATTEMPTS + " " + type + " jobs finished before the kill landed");
    }

    private static JsonNode awaitFinished(Client client, String token, String type, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonNode job = expect(client.call("GET", "/v2/async/files/" + type + "/" + id, token, null), 200);
            if (job.get("state").asText().equals("FINISHED")) {
                return job;
            }
            assertThat(Instant.now()).as("job %s finishes", id).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Every node below a folder by relative path (folders end with "/"), with its size. */
    private static Map<String, String> walk(Client client, String token, String folder) {
        Map<String, String> out = new TreeMap<>();
        walk(client, token, folder, "", out, false);
        return out;
    }

    private static Map<String, String> walkIds(Client client, String token, String folder) {
        Map<String, String> out = new TreeMap<>();
        walk(client, token, folder, "", out, true);
        return out;
    }

    private static void walk(Client client, String token, String folder, String prefix, Map<String, String> out,
                             boolean ids) {
        for (int offset = 0; ; offset += 100) {
            JsonNode page = expect(client.call("GET", "/v2/files/" + folder + "/list?offset=" + offset + "&limit=100",
                    token, null), 200);
            for (JsonNode node : page.get("items")) {
                boolean isFolder = node.get("type").asText().equals("folder");
                String path = prefix + node.get("name").asText() + (isFolder ? "/" : "");
                assertThat(out).as("listed once").doesNotContainKey(path);
                out.put(path, ids ? node.get("id").asText() : node.get("size").asText());
                if (isFolder) {
                    walk(client, token, node.get("id").asText(), path, out, ids);
                }
            }
            if (page.get("items").size() < 100) {
                return;
            }
        }
    }

    /** The SHA-256 of a sample of the files below {@code folder} (every 50th path), downloaded. */
    private static Map<String, String> hashes(Client client, String token, String folder, Map<String, String> paths)
            throws Exception {
        Map<String, String> ids = walkIds(client, token, folder);
        Map<String, String> out = new TreeMap<>();
        int i = 0;
        for (String path : paths.keySet()) {
            if (!path.endsWith("/") && i++ % 50 == 0) {
                String url = expect(client.call("GET", "/v2/files/" + ids.get(path) + "/download_info", token, null), 200)
                        .get("url").asText();
                Client.Download got = client.download(url, null);
                assertThat(got.status()).isEqualTo(200);
                out.put(path, got.sha256());
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(5);
        return out;
    }

    /**
     * A folder "tree" at the project's top: 4 folders of 5 folders of 4 folders of 6 files (the seeds'
     * bytes in turn): 585 nodes, depth 4. Written into the server's database, as 480 uploads would take long.
     */
    private static String buildTree(String jdbcUrl, String user, String password, String projectId,
                                    List<String> seedIds) {
        RandomIds ids = new RandomIds();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (SqlMetadataStore store = SqlMetadataStore.open(jdbcUrl, user, password)) {
            return store.write(tx -> {
                var project = tx.projects().byRef(ProjectRef.parse(projectId)).orElseThrow();
                List<Node> seeds = tx.nodes().byIds(seedIds);
                Node top = folder(ids, tx.nodes().byId(project.rootFolderId()).orElseThrow(), "tree", now);
                tx.nodes().insert(top);
                int n = 0;
                for (int a = 0; a < 4; a++) {
                    Node fa = folder(ids, top, "a" + a, now);
                    tx.nodes().insert(fa);
                    for (int b = 0; b < 5; b++) {
                        Node fb = folder(ids, fa, "b" + b, now);
                        tx.nodes().insert(fb);
                        for (int c = 0; c < 4; c++) {
                            Node fc = folder(ids, fb, "c" + c, now);
                            tx.nodes().insert(fc);
                            for (int f = 0; f < 6; f++) {
                                Node seed = seeds.get(n++ % seeds.size());
                                tx.nodes().insert(new Node(ids.objectId(), fc.projectId(), fc.id(), "s" + f + ".txt",
                                        NodeType.FILE, fc.key() + "s" + f + ".txt", seed.blobId(), seed.size(),
                                        seed.checksums(), seed.contentType(), null, null, null, null, now, now));
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

    private static JsonNode expect(Client.Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        return answer.json();
    }

    private static String userToken(Client client) {
        client.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", "killer"));
        return client.call("POST", "/admin/v1/tokens", ServerProcess.ADMIN_TOKEN,
                Map.of("username", "killer", "scopes", List.of("files", "projects"))).json().get("token").asText();
    }

    private static String formUpload(Client client, String token, String workspace, String path, String name,
                                     byte[] body) {
        String boundary = Client.boundary();
        Client.Answer answer = client.send(client.request("/v1/files/upload")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(Client.form(boundary, new String[][] {{"workspace_id", workspace}, {"path", path}}, name,
                        BodyPublishers.ofByteArray(body)))
                .build());
        return expect(answer, 201).get("file_id").asText();
    }
}
