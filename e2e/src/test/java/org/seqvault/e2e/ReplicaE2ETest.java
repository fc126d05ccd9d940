package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.service.limit.RateLimiter;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.stores.S3TestServer;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * Two real server processes, A and B, as replicas behind a load balancer: one PostgreSQL
 * database, one S3 bucket prefix (S3Proxy in this JVM, checking SigV4; path-style addressing)
 * and one signing key, each with its own data directory. They start at the same moment on an
 * empty database, and whatever is done through one is seen at once through the other. Clients
 * PUT and GET bytes straight at S3 through presigned URLs.
 */
class ReplicaE2ETest {
    private static final String SIGNING_KEY = "e2e-replica-signing-key-0123456789abcdef";
    private static final String S3_PREFIX = "replicas";
    /** S3's smallest part but the last. */
    private static final long S3_MIN_PART = 5L << 20;
    @TempDir
    static Path tmp;
    static TestPostgres.Database db;
    static S3TestServer s3;
    static ServerProcess replicaA;
    static ServerProcess replicaB;
    static Client a;
    static Client b;
    static String token;
    static String workspace;
    private static final long GIB = 1L << 30;
    private static String oneGibSha;

    @BeforeAll
    static void startTwoReplicasAtOnceOnAnEmptyDatabase() throws Exception {
        db = TestPostgres.newDatabase();
        s3 = S3TestServer.shared();
        Map<String, String> env = PostgresAndS3.settings(db, s3, S3_PREFIX, SIGNING_KEY);
        CompletableFuture<ServerProcess> startA = CompletableFuture.supplyAsync(() -> start("a", env));
        CompletableFuture<ServerProcess> startB = CompletableFuture.supplyAsync(() -> start("b", env));
        replicaA = startA.join();
        replicaB = startB.join();
        a = new Client(replicaA.url);
        b = new Client(replicaB.url);
        a.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", "rosa"));
        token = tokenFor(b, "rosa");
        workspace = a.call("POST", "/v1/workspaces", token, Map.of("name", "Replicated")).json()
                .get("workspace_id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServerProcess replica : new ServerProcess[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (s3 != null) {
            s3.clear(S3_PREFIX);
        }
    }

    @Test
    void replicasStartedTogetherMigratedTheSchemaOnceAndBootstrappedOneAdmin() throws Exception {
        assertThat(a.call("GET", "/healthz", null, null).status()).isEqualTo(200);
        assertThat(b.call("GET", "/healthz", null, null).status()).isEqualTo(200);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, COUNT(*) FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL AND success GROUP BY version")) {
            int versions = 0;
            while (rs.next()) {
                assertThat(rs.getInt(2)).as("times version %s was applied", rs.getString(1)).isEqualTo(1);
                versions++;
            }
            assertThat(versions).isGreaterThanOrEqualTo(3);
        }
        JsonNode users = b.call("GET", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, null).json().get("users");
        assertThat(users.findValuesAsText("username")).containsOnlyOnce("admin");
    }

    @Test
    void aFileUploadedThroughAIsListedDownloadedAndDeletedThroughB() throws Exception {
        byte[] vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\n".getBytes(StandardCharsets.UTF_8);
        var uploaded = formUpload(a, "shared/", "sample.vcf", vcf);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);

        JsonNode listed = b.call("GET", "/v1/files?workspace_id=" + workspace + "&prefix=shared/", token, null).json();
        assertThat(listed.get("files").findValuesAsText("key")).containsExactly("shared/sample.vcf");
        String url = b.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("shared/sample.vcf"),
                token, null).json().get("url").asText();
        assertRedirectedToTheObjectStore(url);
        assertThat(b.send(b.request(url).GET().build()).raw().body()).isEqualTo(vcf);

        assertThat(b.call("DELETE", "/v1/files?workspace_id=" + workspace + "&key=" + q("shared/sample.vcf"), token, null)
                .status()).isEqualTo(204);
        assertThat(a.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("shared/sample.vcf"),
                token, null).status()).isEqualTo(404);
    }

    /** The upload session lives in the database: a ticket from A is confirmed on B. */
    @Test
    void aPresignedPutTicketedByAIsConfirmedOnB() throws Exception {
        byte[] bed = "chr1\t100\t200\nchr2\t300\t400\n".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = a.call("POST", "/v1/files/upload-url", token, Map.of("filename", "regions.bed",
                "workspace_id", workspace, "size", bed.length, "path", "ticketed/")).json();
        String uploadUrl = ticket.get("uploadUrl").asText();
        assertThat(uploadUrl).as("bytes go straight to the object store").startsWith(s3Bucket());
        var put = a.send(a.request(uploadUrl).PUT(BodyPublishers.ofByteArray(bed)).build());
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        var confirmed = b.call("POST", "/v1/files/upload-confirm", token, Map.of("file_key",
                ticket.get("fileKey").asText(), "workspace_id", workspace, "filename", "regions.bed", "size", bed.length,
                "sha256", sha256(bed)));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(201);
        String url = a.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("ticketed/regions.bed"),
                token, null).json().get("url").asText();
        assertThat(a.send(a.request(url).GET().build()).raw().body()).isEqualTo(bed);
    }

    @Test
    void aTokenRevokedOnAIsRejectedOnBAtOnce() {
        JsonNode issued = a.call("POST", "/v1/tokens", token, Map.of("scopes", List.of("files", "tokens"))).json();
        String secret = issued.get("token").asText();
        assertThat(b.call("GET", "/v1/tokens", secret, null).status()).isEqualTo(200);
        assertThat(a.call("DELETE", "/v1/tokens/" + issued.get("id").asText(), token, null).status()).isEqualTo(204);
        assertThat(b.call("GET", "/v1/tokens", secret, null).status()).isEqualTo(401);
        assertThat(a.call("GET", "/v1/tokens", secret, null).status()).isEqualTo(401);
    }

    /** Part URLs are fetched from, and parts reported to, A and B in turn; B completes what A began. */
    @Test
    void aMultipartUploadSpreadOverBothReplicasCompletes() throws Exception {
        String project = a.call("GET", "/v1/workspaces", token, null).json().get("workspaces").get(0)
                .get("project").asText();
        long partSize = S3_MIN_PART;
        byte[] content = new byte[(int) (3 * partSize + 1234)];
        new Random(11).nextBytes(content);
        JsonNode upload = a.call("POST", "/v2/upload/multipart", token, Map.of("project", project,
                "name", "trio.cram", "size", content.length, "part_size", partSize)).json();
        String id = upload.get("upload_id").asText();
        int parts = (int) ((content.length + partSize - 1) / partSize);
        for (int n = 1; n <= parts; n++) {
            Client fetchFrom = n % 2 == 1 ? a : b;
            Client reportTo = n % 2 == 1 ? b : a;
            String url = fetchFrom.call("GET", "/v2/upload/multipart/" + id + "/part/" + n, token, null).json()
                    .get("url").asText();
            assertThat(url).startsWith(s3Bucket());
            int from = (int) ((n - 1) * partSize);
            int to = (int) Math.min(content.length, n * partSize);
            var put = fetchFrom.send(fetchFrom.request(url)
                    .PUT(BodyPublishers.ofByteArray(java.util.Arrays.copyOfRange(content, from, to))).build());
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            var reported = reportTo.call("POST", "/v2/upload/multipart/" + id + "/part", token, Map.of("part_number", n,
                    "response", Map.of("headers", Map.of("ETag", put.header("ETag").replace("\"", "")))));
            assertThat(reported.status()).as(reported.text()).isEqualTo(204);
        }
        var done = b.call("POST", "/v2/upload/multipart/" + id + "/complete", token, null);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.json().get("size").asLong()).isEqualTo(content.length);
        String url = a.call("GET", "/v2/files/" + done.json().get("id").asText() + "/download_info", token, null).json()
                .get("url").asText();
        assertThat(sha256(a.send(a.request(url).GET().build()).raw().body())).isEqualTo(sha256(content));
    }

    /**
     * Each replica counts locally and syncs with the shared count at least every
     * RateLimiter.SYNC_INTERVAL_MILLIS (docs/config.md): once that much time has passed, a request
     * on either replica sees every request made on the other.
     */
    @Test
    void rateLimitCountsAreShared() throws InterruptedException {
        String limited = tokenFor(a, "rosa");
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Client replica = i % 2 == 0 ? a : b;
            remaining.add(Long.parseLong(replica.call("GET", "/v1/tokens", limited, null).header("X-RateLimit-Remaining")));
            Thread.sleep(2 * RateLimiter.SYNC_INTERVAL_MILLIS + 50);
        }
        for (int i = 1; i < remaining.size(); i++) {
            assertThat(remaining.get(i)).as("request %d, alternating replicas", i).isEqualTo(remaining.get(i - 1) - 1);
        }
    }

    /**
     * A 1 GiB file PUT straight to S3 through the presigned URL A handed out, confirmed on A (which
     * reads the object back once to compute MD5 and SHA-256), then downloaded from S3 through the
     * URL B handed out, whole and as a Range. Each replica runs at -Xmx256m. Costs are printed.
     */
    @Test
    void aOneGibFilePutThroughAIsDownloadedThroughB() throws Exception {
        Path file = oneGibFile();
        StepCost cost = StepCost.start(replicaA, replicaB);
        JsonNode ticket = a.call("POST", "/v1/files/upload-url", token, Map.of("filename", "genome.bam",
                "workspace_id", workspace, "size", GIB, "path", "big/", "content_type", "application/octet-stream")).json();
        assertThat(ticket.has("uploadUrl")).as("one presigned PUT").isTrue();
        var put = a.send(a.request(ticket.get("uploadUrl").asText())
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofFile(file)).build());
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        String putCost = cost.next();
        var confirmed = a.call("POST", "/v1/files/upload-confirm", token, Map.of("file_key",
                ticket.get("fileKey").asText(), "workspace_id", workspace, "filename", "genome.bam", "size", GIB,
                "sha256", oneGibSha));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(201);
        String confirmCost = cost.next();
        String downloadCost = downloadThrough(b, "big/genome.bam", cost);
        System.out.printf("1 GiB on PostgreSQL + S3 (S3Proxy), presigned PUT: PUT %s, confirm %s,"
                + " download through the other replica %s%n", putCost, confirmCost, downloadCost);
    }

    /**
     * The same 1 GiB in 64 MiB parts with the v2 multipart protocol: part URLs from A, parts
     * reported to B, completed on A (one read-back of the object for the checksums), downloaded
     * through B.
     */
    @Test
    void aOneGibMultipartUploadSpreadOverBothReplicas() throws Exception {
        Path file = oneGibFile();
        long partSize = 64L << 20;
        String project = a.call("GET", "/v1/workspaces", token, null).json().get("workspaces").get(0)
                .get("project").asText();
        StepCost cost = StepCost.start(replicaA, replicaB);
        JsonNode upload = a.call("POST", "/v2/upload/multipart", token, Map.of("project", project,
                "name", "genome-parts.bam", "size", GIB, "part_size", partSize)).json();
        assertThat(upload.get("part_size").asLong()).isEqualTo(partSize);
        String id = upload.get("upload_id").asText();
        for (int n = 1; n <= GIB / partSize; n++) {
            String url = a.call("GET", "/v2/upload/multipart/" + id + "/part/" + n, token, null).json()
                    .get("url").asText();
            var put = a.send(a.request(url).PUT(Client.slice(file, (n - 1) * partSize, partSize)).build());
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            var reported = b.call("POST", "/v2/upload/multipart/" + id + "/part", token, Map.of("part_number", n,
                    "response", Map.of("headers", Map.of("ETag", put.header("ETag").replace("\"", "")))));
            assertThat(reported.status()).as(reported.text()).isEqualTo(204);
        }
        String putCost = cost.next();
        var done = a.call("POST", "/v2/upload/multipart/" + id + "/complete", token, null);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.json().get("size").asLong()).isEqualTo(GIB);
        String completeCost = cost.next();
        String downloadCost = downloadThrough(b, "genome-parts.bam", cost);
        System.out.printf("1 GiB on PostgreSQL + S3 (S3Proxy), 16 parts of 64 MiB: PUTs %s, complete %s,"
                + " download through the other replica %s%n", putCost, completeCost, downloadCost);
    }

    /** Downloads a file of {@link #workspace} whole and checks it; then its last 1000 bytes as a Range. */
    private static String downloadThrough(Client replica, String key, StepCost cost) throws Exception {
        JsonNode link = replica.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q(key), token,
                null).json();
        assertThat(link.get("md5").asText()).as("MD5 known though the server never saw the bytes").hasSize(32);
        assertThat(link.get("sha256").asText()).isEqualTo(oneGibSha);
        String url = link.get("url").asText();
        assertRedirectedToTheObjectStore(url);
        Client.Download whole = replica.download(url, null);
        String downloadCost = cost.next();
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(GIB);
        assertThat(whole.sha256()).isEqualTo(oneGibSha);
        Client.Download tail = replica.download(url, "bytes=" + (GIB - 1000) + "-");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(1000);
        assertThat(tail.contentRange()).isEqualTo("bytes " + (GIB - 1000) + "-" + (GIB - 1) + "/" + GIB);
        return downloadCost;
    }

    /** One 1 GiB random file for both large tests, written on first use. */
    private static synchronized Path oneGibFile() throws Exception {
        Path file = tmp.resolve("genome.bam");
        if (oneGibSha == null) {
            oneGibSha = TestFiles.random(file, GIB, 3);
        }
        return file;
    }

    /**
     * A download URL is checked by a replica (so a deleted file's URLs stop at once), which then sends
     * the client to the object store: the bytes still come straight from S3, never through a replica.
     */
    private static void assertRedirectedToTheObjectStore(String url) throws Exception {
        try (HttpClient noRedirects = HttpClient.newHttpClient()) {
            HttpResponse<Void> answer = noRedirects.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).as("a download URL answers with a redirect").isEqualTo(307);
            assertThat(answer.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .as("bytes come straight from the object store").startsWith(s3Bucket());
        }
    }

    /** Where presigned URLs must point: the object store's bucket, path-style. */
    private static String s3Bucket() {
        return s3.endpoint() + "/" + S3TestServer.BUCKET + "/";
    }

    private static ServerProcess start(String name, Map<String, String> env) {
        try {
            return ServerProcess.start(Files.createDirectories(tmp.resolve("data-" + name)), "256m", env,
                    "--rate-limit", "100000");
        } catch (Exception e) {
            throw new IllegalStateException("replica " + name + " did not start", e);
        }
    }

    private static String tokenFor(Client client, String username) {
        return client.call("POST", "/admin/v1/tokens", ServerProcess.ADMIN_TOKEN,
                Map.of("username", username, "scopes", List.of("files", "projects", "tokens"))).json().get("token").asText();
    }

    private static Client.Answer formUpload(Client client, String path, String name, byte[] content) {
        String boundary = Client.boundary();
        return client.send(client.request("/v1/files/upload")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(Client.form(boundary, new String[][] {{"workspace_id", workspace}, {"path", path}}, name,
                        BodyPublishers.ofByteArray(content)))
                .build());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
