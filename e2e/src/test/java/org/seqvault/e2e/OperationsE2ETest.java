package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.ServerLauncher;

/**
 * What an operator reads, from the real server process: GET /metrics in the Prometheus text format
 * after a scripted workload (the counts must be what the script did), who may read it, and the
 * access log, as text and as JSON lines.
 */
class OperationsE2ETest {
    private static final Pattern ADMIN_LISTENER = Pattern.compile("admin listener \\(GET /metrics, /healthz\\) on (http://\\S+)");
    /** A sample line: name, labels (whose quoted values may hold braces, as route templates do), value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})? (\\S+)$");

    @TempDir
    Path tmp;

    @Test
    void metricsCountWhatAScriptedWorkloadDid() throws Exception {
        try (ServerProcess server = ServerProcess.start(Files.createDirectories(tmp.resolve("data")), "256m", Map.of(),
                "--admin-port", "0")) {
            Client client = new Client(server.url);
            String token = userToken(client, "operator-test");
            String workspace = client.call("POST", "/v1/workspaces", token, Map.of("name", "metrics")).json()
                    .get("workspace_id").asText();
            String project = client.call("GET", "/v1/workspaces", token, null).json().get("workspaces").get(0)
                    .get("project").asText();

            long uploaded = 0;
            for (int i = 0; i < 3; i++) {
                byte[] body = ("file number " + i + "\n").repeat(1000 * (i + 1)).getBytes(StandardCharsets.UTF_8);
                uploaded += body.length;
                assertThat(formUpload(client, token, workspace, "f" + i + ".txt", body)).isEqualTo(201);
            }
            String download = client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=f2.txt", token,
                    null).json().get("url").asText();
            Client.Download got = client.download(download, null);
            assertThat(got.status()).isEqualTo(200);
            for (int i = 0; i < 2; i++) {
                assertThat(client.call("GET", "/v2/files/no-such-file", token, null).status()).isEqualTo(404);
            }
            JsonNode opened = client.call("POST", "/v2/upload/multipart", token,
                    Map.of("project", project, "name", "abandoned.bam", "size", 10)).json();
            assertThat(client.call("DELETE", "/v2/upload/multipart/" + opened.get("upload_id").asText(), token, null)
                    .status()).isEqualTo(204);

            String adminUrl = adminListener(server.log);
            // Jetty counts a request once its answer is sent, which the client may see a moment before.
            Map<String, Double> m = scrapeUntil(client, adminUrl, "seqvault_http_requests_seconds_count{dialect=\"v2\","
                    + "method=\"DELETE\",route=\"/v2/upload/multipart/{upload}\",status=\"204\"}");
            assertThat(m).containsEntry("seqvault_http_requests_seconds_count{dialect=\"v1\",method=\"POST\",route=\"/v1/files/upload\",status=\"201\"}", 3.0);
            assertThat(m).containsEntry("seqvault_http_requests_seconds_count{dialect=\"v2\",method=\"GET\",route=\"/v2/files/{id}\",status=\"404\"}", 2.0);
            assertThat(m).containsEntry("seqvault_http_requests_seconds_count{dialect=\"blob\",method=\"GET\",route=\"/_blob/dl/{file}/{name}\",status=\"200\"}", 1.0);
            assertThat(m).containsEntry("seqvault_uploads_total{event=\"opened\"}", 4.0);
            assertThat(m).containsEntry("seqvault_uploads_total{event=\"completed\"}", 3.0);
            assertThat(m).containsEntry("seqvault_uploads_total{event=\"aborted\"}", 1.0);
            assertThat(m).containsEntry("seqvault_uploads_total{event=\"failed\"}", 0.0);
            // Bodies: the forms carried the files (and their fields and boundaries); the download served one whole.
            assertThat(m.get("seqvault_http_received_bytes_total{dialect=\"v1\"}")).isGreaterThan((double) uploaded);
            assertThat(m).containsEntry("seqvault_http_served_bytes_total{dialect=\"blob\"}", (double) got.bytes());
            // Nobody waits for a database connection once the requests above have finished.
            assertThat(m).containsEntry("seqvault_db_connections_waiting{pool=\"seqvault-sqlite-readers\"}", 0.0);
            assertThat(m).containsKeys("hikaricp_connections{pool=\"seqvault-sqlite-readers\"}",
                    "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"}", "process_uptime_seconds");

            // The public port: admin tokens only.
            assertThat(client.call("GET", "/metrics", null, null).status()).isEqualTo(401);
            assertThat(client.call("GET", "/metrics", token, null).status()).isEqualTo(403);
            Client.Answer asAdmin = client.call("GET", "/metrics", ServerProcess.ADMIN_TOKEN, null);
            assertThat(asAdmin.status()).isEqualTo(200);
            assertThat(asAdmin.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(parse(asAdmin.text())).containsKey("seqvault_uploads_total{event=\"completed\"}");

            // The admin listener serves nothing else.
            assertThat(client.call("GET", adminUrl + "/v1/workspaces", token, null).status()).isEqualTo(404);

            // The access log is written by a thread of its own; a stopped server has written all of it.
            assertThat(server.stop()).isIn(0, 143);
            List<String> access = Files.readAllLines(server.log).stream().filter(l -> l.contains(" access - request ")).toList();
            assertThat(access.stream().filter(l -> l.contains("route=/v1/files/upload ") && l.contains("status=201 ")))
                    .hasSize(3).allMatch(l -> l.contains("user=operator-test ") && l.matches(".*request_id=req_\\w+ .*"));
            assertThat(access).noneMatch(l -> l.contains("X-Amz-") || l.contains("sig=") || l.contains("?"));
        }
    }

    @Test
    void jsonLogFormatWritesOneObjectPerLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Files.createDirectories(tmp.resolve("data")), "256m", Map.of(),
                "--log-format", "json")) {
            Client client = new Client(server.url);
            assertThat(client.call("GET", "/v2/user", ServerProcess.ADMIN_TOKEN, null).status()).isEqualTo(200);
            assertThat(server.stop()).isIn(0, 143);
            List<JsonNode> lines = Files.readAllLines(server.log).stream()
                    .filter(l -> l.startsWith("{")).map(OperationsE2ETest::json).toList();
            JsonNode access = lines.stream().filter(l -> "seqvault.access".equals(l.path("loggerName").asText()))
                    .findFirst().orElseThrow();
            Map<String, String> fields = new HashMap<>();
            access.get("kvpList").forEach(kv -> kv.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText())));
            assertThat(fields).containsEntry("route", "/v2/user").containsEntry("status", "200")
                    .containsEntry("user", "admin").containsKeys("request_id", "duration_ms", "bytes_out");
            assertThat(lines).anyMatch(l -> l.path("formattedMessage").asText().startsWith("SeqVault listening on"));
            assertThat(lines).anyMatch(l -> l.path("formattedMessage").asText().equals("SeqVault stopped"));
        }
    }

    @Test
    void aScrubRunBesideTheServerShowsInItsMetrics() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (ServerProcess server = ServerProcess.start(data, "256m", Map.of(), "--admin-port", "0")) {
            Client client = new Client(server.url);
            String token = userToken(client, "scrubbed");
            String workspace = client.call("POST", "/v1/workspaces", token, Map.of("name", "scrub")).json()
                    .get("workspace_id").asText();
            byte[] body = "ACGT\n".repeat(500).getBytes(StandardCharsets.UTF_8);
            assertThat(formUpload(client, token, workspace, "reads.fastq", body)).isEqualTo(201);

            // seqvault scrub, as cron would run it: a process of its own on the same data directory
            Process scrub = ServerLauncher.serverOnClassPath("128m", List.of("scrub", "--data-dir", data.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(scrub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(scrub.waitFor()).as(output).isZero();

            Map<String, Double> m = parse(client.call("GET", adminListener(server.log) + "/metrics", null, null).text());
            assertThat(m).containsEntry("seqvault_scrub_last_checked_blobs", 1.0)
                    .containsEntry("seqvault_scrub_last_checked_bytes", (double) body.length)
                    .containsEntry("seqvault_scrub_last_findings{problem=\"corrupt\"}", 0.0)
                    .containsEntry("seqvault_scrub_last_findings{problem=\"missing\"}", 0.0);
            assertThat(m.get("seqvault_scrub_last_finished_seconds")).isGreaterThan(1.7e9);
        }
    }

    @Test
    void behindAProxyTheAccessLogShowsTheForwardedClient() throws Exception {
        try (ServerProcess server = ServerProcess.start(Files.createDirectories(tmp.resolve("data")), "256m", Map.of(),
                "--forwarded-headers")) {
            Client client = new Client(server.url);
            var answer = client.send(client.request("/healthz").header("X-Forwarded-For", "203.0.113.7").GET().build());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(server.stop()).isIn(0, 143);
            assertThat(Files.readAllLines(server.log)).anyMatch(l -> l.contains("route=/healthz ")
                    && l.endsWith("client=203.0.113.7"));
        }
    }

    private static String userToken(Client client, String username) {
        client.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", username));
        return client.call("POST", "/admin/v1/tokens", ServerProcess.ADMIN_TOKEN,
                Map.of("username", username, "scopes", List.of("files", "projects"))).json().get("token").asText();
    }

    private static int formUpload(Client client, String token, String workspace, String name, byte[] body) {
        String boundary = Client.boundary();
        return client.send(client.request("/v1/files/upload")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(Client.form(boundary, new String[][] {{"workspace_id", workspace}}, name,
                        BodyPublishers.ofByteArray(body)))
                .build()).status();
    }

    /** Scrapes the admin listener until {@code sample} is there (at most 10 s). */
    private static Map<String, Double> scrapeUntil(Client client, String adminUrl, String sample) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Map<String, Double> samples = parse(client.call("GET", adminUrl + "/metrics", null, null).text());
            if (samples.containsKey(sample) || System.nanoTime() > deadline) {
                return samples;
            }
            Thread.sleep(20);
        }
    }

    private static String adminListener(Path log) throws IOException {
        Matcher m = ADMIN_LISTENER.matcher(Files.readString(log));
        assertThat(m.find()).as("the server logs where its admin listener is").isTrue();
        return m.group(1);
    }

    /** Prometheus text format: sample name with its labels (as written) to value; comments skipped. */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private static JsonNode json(String line) {
        try {
            return Client.JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
