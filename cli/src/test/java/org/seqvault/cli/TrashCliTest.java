package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.testkit.TestServer;

/**
 * {@code seqvault trash ls|restore|empty} against the real server process: what rm put in the
 * trash is listed, and comes back after the server was stopped and started again, with its id,
 * metadata, tags and bytes, under "_1_" when its name was taken meanwhile.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TrashCliTest {
    @TempDir
    Path tmp;
    private TestServer server;
    private CliRunner cli;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Path data) throws Exception {
        server = TestServer.start(data);
        cli = new CliRunner(Map.of("HOME", tmp.toString(), "SEQVAULT_URL", server.url()));
    }

    @Test
    void whatRmPutInTheTrashComesBackAfterARestartWithItsIdMetadataTagsAndBytes() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        start(data);
        String token = server.userToken("erin");
        cli = cli.with("SEQVAULT_TOKEN", token);
        String p = ok("projects", "create", "Trash tour").out().strip();
        Path local = Files.createDirectories(tmp.resolve("local/NA12878"));
        Files.writeString(local.resolve("calls.vcf"), "##fileformat=VCFv4.2 calls\n");
        Files.writeString(local.resolve("reads.fq"), "@r1\nACGT\n+\nIIII\n");
        ok("upload", "-r", "--meta", "sample_id=NA12878", "--tag", "wgs", local.toString(), p + "/raw");
        ok("meta", "set", p + "/raw/NA12878/calls.vcf", "caller=gatk");
        JsonNode before = file(p + "/raw/NA12878", "calls.vcf");

        ok("rm", p + "/raw/NA12878/calls.vcf");
        ok("rm", "-r", p + "/raw");
        assertThat(ok("ls", "-r", "--json", p).json()).as("gone from the listing").isEmpty();

        JsonNode trash = ok("trash", "ls", "--json", p).json();
        assertThat(trash).hasSize(2);
        assertThat(trash.get(0).get("path").asText()).isEqualTo("raw");
        assertThat(trash.get(0).get("type").asText()).isEqualTo("folder");
        assertThat(trash.get(0).get("files").asLong()).as("one file was left in raw/NA12878").isEqualTo(1);
        assertThat(trash.get(1).get("path").asText()).isEqualTo("raw/NA12878/calls.vcf");
        assertThat(trash.get(1).get("deleted_by").asText()).isEqualTo("erin");
        String table = ok("trash", "ls", p).out();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("ID").contains("PATH", "EXPIRES");
        assertThat(table).contains("raw/NA12878/calls.vcf").contains("raw/ ");

        server.close();
        start(data);
        cli = cli.with("SEQVAULT_TOKEN", token);

        assertThat(ok("trash", "restore", p + "/raw/NA12878/calls.vcf").out())
                .isEqualTo("restored " + p + "/raw/NA12878/calls.vcf\n");
        JsonNode after = file(p + "/raw/NA12878", "calls.vcf");
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.get("metadata")).isEqualTo(before.get("metadata"));
        assertThat(after.get("tags")).isEqualTo(before.get("tags"));
        Path down = tmp.resolve("down");
        ok("download", p + "/raw/NA12878/calls.vcf", down.toString());
        assertThat(Files.readString(down.resolve("calls.vcf"))).isEqualTo("##fileformat=VCFv4.2 calls\n");

        assertThat(ok("trash", "restore", p + "/raw").out()).as("raw exists again: the restored file's folder")
                .isEqualTo("restored " + p + "/_1_raw/ (raw was taken)\n");
        assertThat(names(ok("ls", "-r", "--json", p).json())).containsExactly("_1_raw/", "_1_raw/NA12878/",
                "_1_raw/NA12878/reads.fq", "raw/", "raw/NA12878/", "raw/NA12878/calls.vcf");
        assertThat(file(p + "/_1_raw/NA12878", "reads.fq").get("tags").toString()).isEqualTo("[\"wgs\"]");
        assertThat(ok("trash", "ls", "--json", p).json()).isEmpty();
    }

    @Test
    void emptyTakesEverythingForGoodAndWrongArgumentsAreUsageErrors() throws Exception {
        start(Files.createDirectories(tmp.resolve("data")));
        cli = cli.with("SEQVAULT_TOKEN", server.userToken("gina"));
        String p = ok("projects", "create", "Scratch").out().strip();
        Path local = tmp.resolve("a.txt");
        Files.writeString(local, "abc");
        ok("upload", local.toString(), p + "/x");
        ok("upload", local.toString(), p + "/y");
        ok("rm", p + "/x/a.txt", p + "/y/a.txt");

        assertThat(ok("trash", "ls", "--json", p + "/x/a.txt").json()).hasSize(1);
        assertThat(ok("trash", "empty", p).out()).isEqualTo("emptied the trash of " + p + ": 2 items, 2 files, 6 B\n");
        assertThat(ok("trash", "ls", "--json", p).json()).isEmpty();
        Result nothing = cli.run("trash", "restore", p + "/x/a.txt");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err()).isEqualTo("seqvault: nothing deleted from " + p + "/x/a.txt is in the trash (HTTP 404,"
                + " not_found)\n");

        assertThat(cli.run("trash", "restore", p).exit()).isEqualTo(2);
        assertThat(cli.run("trash", "empty", p + "/x").exit()).isEqualTo(2);
        assertThat(cli.run("trash").exit()).isEqualTo(2);
        Result unknown = cli.run("trash", "ls", "nobody/nothing");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("project 'nobody/nothing' not found (HTTP 404, 3002)");
    }

    private Result ok(String... args) {
        Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    private JsonNode file(String folder, String name) {
        for (JsonNode f : ok("ls", "--json", folder).json()) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no " + name + " in " + folder);
    }

    private static List<String> names(JsonNode listing) {
        List<String> paths = new ArrayList<>();
        listing.forEach(f -> paths.add(f.get("path").asText().replaceFirst("^[^/]+/[^/]+/", "")
                + ("folder".equals(f.get("type").asText()) ? "/" : "")));
        return paths;
    }
}
