package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.testkit.FaultyProxy;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.TestServer;
import picocli.CommandLine;

/** Every client command end to end against the real server, with exit codes and --json output read back. */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class CliTest {
    @TempDir
    static Path tmp;
    static TestServer server;
    static String token;
    static CliRunner cli;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")), "--extract-metadata");
        token = server.userToken("erin");
        Path home = Files.createDirectories(tmp.resolve("home"));
        cli = new CliRunner(Map.of("HOME", home.toString(), "SEQVAULT_CONFIG_FILE",
                home.resolve("cfg").resolve("config.json").toString()));
        Result login = cli.run("login", "--url", server.url(), "--token", token);
        assertThat(login.exit()).as(login.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Result ok(String... args) {
        Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    static String project(String name) {
        return ok("projects", "create", name).out().strip();
    }

    static Path localTree(String name) throws Exception {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(root.resolve("NA12878"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("NA12878/reads_1.fq"), "@r1\nACGT\n+\nIIII\n");
        Files.writeString(root.resolve("NA12878/reads_2.fq"), "@r2\nTTGA\n+\nIIII\n");
        Files.writeString(root.resolve("calls.vcf"), "##fileformat=VCFv4.2\n");
        Files.writeString(root.resolve(".calls.vcf.seqvault-upload"), "{}"); // resume state: never uploaded
        return root;
    }

    // ---- login -----------------------------------------------------------------------------------------

    @Test
    void loginKeepsTheTokenInAFileOnlyTheUserCanRead() throws Exception {
        Path config = tmp.resolve("login").resolve("config.json");
        CliRunner fresh = new CliRunner(Map.of("SEQVAULT_CONFIG_FILE", config.toString()));
        Result missing = fresh.run("ls", "erin/x");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("not logged in").doesNotContain("Exception");

        Result r = fresh.runWithInput(token + "\n", "login", "--url", server.url());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("as erin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        JsonNode stored = org.seqvault.client.internal.Json.MAPPER.readTree(config.toFile());
        assertThat(stored.get("url").asText()).isEqualTo(server.url());
        assertThat(stored.get("token").asText()).isEqualTo(token);

        Result bad = fresh.run("login", "--token", "svt_wrong");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown, expired or revoked (HTTP 401, 90001)").doesNotContain("\tat ");
        assertThat(org.seqvault.client.internal.Json.MAPPER.readTree(config.toFile()).get("token").asText())
                .as("a refused token is not stored").isEqualTo(token);
        assertThat(fresh.run("login").exit()).as("stdin is empty: no token").isEqualTo(2);
        assertThat(new CliRunner(Map.of("SEQVAULT_CONFIG_FILE", tmp.resolve("nope.json").toString()))
                .run("login", "--token", token).exit()).as("no URL known").isEqualTo(2);
    }

    @Test
    void environmentVariablesOverrideTheStoredLogin() {
        Result r = cli.with("SEQVAULT_TOKEN", TestServer.ADMIN_TOKEN).run("admin", "users", "ls");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("admin").contains("erin");
    }

    @Test
    void aServerThatIsDownIsReportedAtOnceInPlainWords() {
        long started = System.nanoTime();
        Result down = cli.with("SEQVAULT_URL", "http://127.0.0.1:1").run("projects", "ls");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).as("tried once, though the default policy allows 6 tries")
                .isEqualTo("seqvault: cannot connect to http://127.0.0.1:1; is the server running? "
                        + "(GET /v2/projects)\n");
        assertThat(took).as("six tries with backoff took 8 s at the least").isLessThan(Duration.ofSeconds(5));
    }

    // ---- projects, mkdir, ls -------------------------------------------------------------------------

    @Test
    void projectsAreCreatedAndListed() {
        String id = project("Listing test");
        assertThat(id).isEqualTo("erin/listing-test");
        JsonNode all = ok("projects", "ls", "--json").json();
        List<String> ids = new ArrayList<>();
        all.forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).contains(id);
        assertThat(all.get(0).get("workspace_id").asText()).startsWith("ws_");
        assertThat(ok("projects", "ls").out()).contains(id);
        assertThat(cli.run("projects", "create", "Listing test").exit()).as("same name twice: new slug").isZero();
    }

    @Test
    void lsShowsFoldersFilesFiltersAndPrefixes() throws Exception {
        String p = project("Ls");
        ok("mkdir", p + "/raw/a", p + "/raw/b");
        ok("upload", "--meta", "sample_id=S1", "--tag", "wgs", localTree("ls-src").resolve("calls.vcf").toString(),
                p + "/raw");
        ok("upload", "--meta", "sample_id=S2", localTree("ls-src2").resolve("NA12878/reads_1.fq").toString(),
                p + "/raw/a");

        assertThat(ok("ls", p).out()).contains("raw/");
        String raw = ok("ls", p + "/raw").out();
        assertThat(raw).contains("a/").contains("b/").contains("calls.vcf").contains("sample_id=S1").contains("[wgs]");
        assertThat(ok("ls", p + "/raw/calls.vcf").out()).contains("calls.vcf");
        assertThat(ok("ls", p + "/raw/ca").out()).contains("calls.vcf").doesNotContain("a/");
        assertThat(ok("ls", "-r", p).out()).contains("raw/a/reads_1.fq");

        JsonNode tagged = ok("ls", "--json", "--tag", "wgs", p + "/raw").json();
        assertThat(tagged).hasSize(1);
        assertThat(tagged.get(0).get("path").asText()).isEqualTo(p + "/raw/calls.vcf");
        assertThat(tagged.get(0).get("metadata").get("sample_id").asText()).isEqualTo("S1");
        JsonNode s2 = ok("ls", "--json", "-r", "--meta", "sample_id=S2", p).json();
        assertThat(s2).hasSize(1);
        assertThat(s2.get(0).get("path").asText()).isEqualTo(p + "/raw/a/reads_1.fq");
        assertThat(ok("ls", "--json", "-r", "--meta", "sample_id=S1", "--meta", "sample_id=S2", p).json()).hasSize(2);
        assertThat(ok("ls", "--json", "--meta", "sample_id=S9", p + "/raw").json()).isEmpty();

        Result missing = cli.run("ls", p + "/nothing-here");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("seqvault: " + p + "/nothing-here: no such file or folder");
    }

    // ---- upload and download --------------------------------------------------------------------------

    @Test
    void uploadKeepsTheStructureOfDirectoriesAndReportsFailures() throws Exception {
        String p = project("Upload");
        Path tree = localTree("up-src");
        Path big = tmp.resolve("big.bin");
        String bigSha = TestFiles.random(big, (40L << 20) + 5, 40);

        Result r = cli.run("upload", "-r", "--json", "--parallel", "3", "--meta", "batch=7", "--tag", "raw",
                tree.toString(), big.toString(), tmp.resolve("missing.fq").toString(), p + "/incoming");
        assertThat(r.exit()).as("one item failed" + r).isEqualTo(1);
        JsonNode summary = r.json();
        List<String> uploaded = new ArrayList<>();
        summary.get("uploaded").forEach(u -> uploaded.add(u.get("to").asText()));
        assertThat(uploaded).containsExactlyInAnyOrder(p + "/incoming/up-src/NA12878/reads_1.fq",
                p + "/incoming/up-src/NA12878/reads_2.fq", p + "/incoming/up-src/calls.vcf", p + "/incoming/big.bin");
        assertThat(summary.get("failed")).hasSize(1);
        assertThat(summary.get("failed").get(0).get("from").asText()).endsWith("missing.fq");
        assertThat(summary.get("failed").get(0).get("error").asText()).contains("no such file");
        assertThat(summary.get("bytes").asLong()).isEqualTo((40L << 20) + 5 + 16 + 16 + 21);

        JsonNode all = ok("ls", "-r", "--json", p + "/incoming").json();
        List<String> paths = new ArrayList<>();
        all.forEach(f -> paths.add(f.get("path").asText()));
        assertThat(paths).contains(p + "/incoming/up-src/empty").doesNotContain(p + "/incoming/up-src/.calls.vcf.seqvault-upload");
        all.forEach(f -> {
            if (f.get("type").asText().equals("file")) {
                assertThat(f.get("metadata").get("batch").asText()).isEqualTo("7");
                assertThat(f.get("tags").get(0).asText()).isEqualTo("raw");
            }
        });

        Result dir = cli.run("upload", tree.toString(), p + "/incoming");
        assertThat(dir.exit()).isEqualTo(1);
        assertThat(dir.err()).contains("is a directory (use -r)");
        Result again = cli.run("upload", big.toString(), p + "/incoming");
        assertThat(again.exit()).as("the name is taken").isEqualTo(1);
        assertThat(again.err()).contains("seqvault: " + big + ": " + p + "/incoming/big.bin already exists "
                + "(use --overwrite to replace it)").doesNotContain("overwrite=true");
        assertThat(ok("upload", "--overwrite", big.toString(), p + "/incoming").err()).contains("uploaded 1 file");
        Path clash = Files.writeString(Files.createDirectories(tmp.resolve("clash-src")).resolve("up-src"), "x");
        Result onFolder = cli.run("upload", "--overwrite", clash.toString(), p + "/incoming");
        assertThat(onFolder.exit()).isEqualTo(1);
        assertThat(onFolder.err()).contains(p + "/incoming/up-src is a folder (--overwrite replaces only files)");

        Path out = tmp.resolve("up-out");
        ok("download", p + "/incoming/big.bin", out.toString());
        assertThat(TestFiles.sha256(out.resolve("big.bin"))).isEqualTo(bigSha);
    }

    @Test
    void anUploadWhoseLocalFilesAreMissingCreatesNothing() {
        String p = project("Nothing");
        Result file = cli.run("upload", tmp.resolve("no-such.fq").toString(), p + "/new/deeper");
        assertThat(file.exit()).isEqualTo(1);
        assertThat(file.err()).contains("no-such.fq: no such file or directory");
        Result dir = cli.run("upload", "-r", tmp.resolve("no-such-dir").toString(), p + "/new");
        assertThat(dir.exit()).isEqualTo(1);
        Result ls = cli.run("ls", p + "/new");
        assertThat(ls.exit()).as("no folder was made for files that are not there").isEqualTo(1);
        assertThat(ls.err()).contains(p + "/new: no such file or folder");
    }

    @Test
    void downloadFetchesFilesAndFoldersAndReportsFailures() throws Exception {
        String p = project("Download");
        Path tree = localTree("down-src");
        ok("upload", "-r", tree.toString(), p);
        Path out = tmp.resolve("down-out");

        Result r = cli.run("download", "-r", "--json", p + "/down-src", p + "/not-there", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode summary = r.json();
        assertThat(summary.get("downloaded")).hasSize(3);
        assertThat(summary.get("failed").get(0).get("from").asText()).isEqualTo(p + "/not-there");
        assertThat(Files.readString(out.resolve("down-src/NA12878/reads_2.fq")))
                .isEqualTo(Files.readString(tree.resolve("NA12878/reads_2.fq")));
        assertThat(out.resolve("down-src/empty")).isDirectory();

        Result single = ok("download", p + "/down-src/calls.vcf", out.resolve("single").toString());
        assertThat(single.err()).contains("downloaded 1 file");
        assertThat(Files.readString(out.resolve("single/calls.vcf"))).isEqualTo("##fileformat=VCFv4.2\n");
        assertThat(ok("download", "-r", p, out.resolve("whole").toString()).err()).contains("downloaded 3 files");
        assertThat(out.resolve("whole/download/down-src/calls.vcf")).exists();

        Result folder = cli.run("download", p + "/down-src", out.toString());
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err()).contains("is a folder (use -r)");
    }

    @Test
    void downloadWithIndexFetchesTheIndexFilesLinkedToEachNamedFile() throws Exception {
        String p = project("Indexed");
        Path local = Files.createDirectories(tmp.resolve("indexed"));
        Files.writeString(local.resolve("NA12878.bam"), "bam bytes");
        Files.writeString(local.resolve("NA12878.bam.bai"), "bai bytes");
        Files.writeString(local.resolve("NA12878.bai"), "old-style bai");
        Files.writeString(local.resolve("other.bam"), "no index");
        ok("upload", "-r", local.toString(), p);
        Path out = tmp.resolve("indexed-out");

        JsonNode listed = ok("ls", "--json", p + "/indexed/NA12878.bam").json();
        assertThat(listed.findValues("_secondary_files").getFirst()).hasSize(2);
        assertThat(ok("info", p + "/indexed/NA12878.bam").out()).contains("\nindex     NA12878.bam.bai NA12878.bai\n");
        assertThat(ok("info", p + "/indexed/other.bam").out()).doesNotContain("\nindex ");
        Result r = ok("download", "--with-index", p + "/indexed/NA12878.bam", p + "/indexed/other.bam", out.toString());
        assertThat(r.err()).contains("downloaded 4 files");
        assertThat(Files.readString(out.resolve("NA12878.bam.bai"))).isEqualTo("bai bytes");
        assertThat(Files.readString(out.resolve("NA12878.bai"))).isEqualTo("old-style bai");

        ok("download", p + "/indexed/NA12878.bam", out.resolve("plain").toString());
        try (var files = Files.list(out.resolve("plain"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no index without --with-index")
                    .containsExactly("NA12878.bam");
        }
    }

    /**
     * A server (here: ours behind a proxy that rewrites its listings) that names a folder "..", a
     * file "a/b" or a folder NUL: the download refuses those names and what is below them, and
     * writes nothing outside its destination.
     */
    @Test
    void downloadRefusesNamesFromTheServerThatCannotBeLocalNames() throws Exception {
        String p = project("Hostile names");
        Path src = Files.createDirectories(tmp.resolve("hostile-src"));
        for (String name : List.of("fine.txt", "aQb", "escaped.txt")) {
            Files.writeString(src.resolve(name), name + "\n");
        }
        ok("mkdir", p + "/up/ZZ/ZZ/made-outside", p + "/nul/QQQQQQ");
        ok("upload", src.resolve("fine.txt").toString(), src.resolve("aQb").toString(), p + "/up");
        ok("upload", src.resolve("escaped.txt").toString(), p + "/up/ZZ/ZZ/made-outside");
        ok("upload", src.resolve("escaped.txt").toString(), p + "/nul/QQQQQQ");
        ok("upload", src.resolve("fine.txt").toString(), p + "/nul");

        try (FaultyProxy hostile = new FaultyProxy(1)) {
            hostile.forwardTo(server.port());
            hostile.rewriteAnswers("\"name\":\"ZZ\"", "\"name\":\"..\"");
            hostile.rewriteAnswers("\"name\":\"aQb\"", "\"name\":\"a/b\"");
            hostile.rewriteAnswers("\"name\":\"QQQQQQ\"", "\"name\":\"\\u0000\"");
            CliRunner viaHostile = cli.with("SEQVAULT_URL", hostile.url());
            Path out = Files.createDirectories(tmp.resolve("hostile-out"));

            Result up = viaHostile.run("download", "-r", p + "/up", out.resolve("dest").toString());
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.err()).contains("seqvault: " + p + "/up: the server lists a folder named '..' here, which "
                    + "would name a directory above or the same one; not downloaded")
                    .contains("seqvault: " + p + "/up: the server lists a file named 'a/b' here, which contains a "
                            + "path separator; not downloaded");
            Result nul = viaHostile.run("download", "-r", p + "/nul", out.resolve("dest").toString());
            assertThat(nul.exit()).as(nul.toString()).isEqualTo(1);
            assertThat(nul.err()).contains("seqvault: " + p + "/nul: the server lists a folder named '\\u0000' "
                    + "here, which contains a control character; not downloaded");

            try (var written = Files.walk(out)) {
                assertThat(written.map(f -> out.relativize(f).toString().replace('\\', '/')))
                        .as("only the good files, all inside the destination")
                        .containsExactlyInAnyOrder("", "dest", "dest/up", "dest/up/fine.txt", "dest/nul",
                                "dest/nul/fine.txt");
            }
        }
    }

    // ---- rm, mv, cp, meta, tag ------------------------------------------------------------------------------

    @Test
    void rmMvAndCpWorkOnFilesAndFolders() throws Exception {
        String p = project("Moves");
        String other = project("Moves elsewhere");
        ok("upload", "-r", localTree("mv-src").toString(), p);

        ok("mv", p + "/mv-src/calls.vcf", p + "/mv-src/final.vcf");
        ok("mv", p + "/mv-src/final.vcf", p + "/mv-src/NA12878");
        assertThat(ok("ls", p + "/mv-src/NA12878").out()).contains("final.vcf");
        ok("mv", p + "/mv-src/NA12878", p + "/sample-1");
        assertThat(ok("ls", "-r", p).out()).contains("sample-1/reads_1.fq").contains("sample-1/final.vcf")
                .doesNotContain("mv-src/NA12878");

        ok("cp", p + "/sample-1/final.vcf", other);
        Result folderCopy = cli.run("cp", p + "/sample-1", other + "/copied");
        assertThat(folderCopy.exit()).isEqualTo(1);
        assertThat(folderCopy.err()).contains("is a folder (use -r)");
        ok("cp", "-r", p + "/sample-1", other + "/copied");
        assertThat(ok("ls", "-r", other).out()).contains("final.vcf").contains("copied/reads_2.fq");
        Result taken = cli.run("cp", p + "/sample-1/final.vcf", other + "/final.vcf");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("already exists");

        Result notRecursive = cli.run("rm", p + "/sample-1");
        assertThat(notRecursive.exit()).isEqualTo(1);
        assertThat(notRecursive.err()).contains("is a folder (use -r)");
        Result partly = cli.run("rm", "-r", p + "/sample-1", p + "/nope");
        assertThat(partly.exit()).isEqualTo(1);
        assertThat(partly.err()).contains(p + "/nope: no such file or folder");
        assertThat(ok("ls", p).out()).doesNotContain("sample-1");
        assertThat(cli.run("rm", p).exit()).as("a project is not removed by rm").isEqualTo(1);
    }

    @Test
    void metadataAndTagsAreShownAndChanged() throws Exception {
        String p = project("Labels");
        ok("upload", localTree("meta-src").resolve("calls.vcf").toString(), p);
        String f = p + "/calls.vcf";

        ok("meta", "set", f, "sample_id=NA12878", "caller=gatk", "note=a=b");
        assertThat(ok("meta", "get", f).out()).isEqualTo("caller=gatk\nnote=a=b\nsample_id=NA12878\n");
        assertThat(ok("meta", "get", f, "caller").out()).isEqualTo("caller=gatk\n");
        ok("meta", "unset", f, "note");
        JsonNode meta = ok("meta", "get", "--json", f).json();
        assertThat(meta.size()).isEqualTo(2);
        assertThat(meta.get("sample_id").asText()).isEqualTo("NA12878");
        assertThat(cli.run("meta", "set", f, "novalue").exit()).isEqualTo(2);

        ok("tag", "add", f, "wgs", "batch-3", "wgs");
        ok("tag", "rm", f, "batch-3");
        ok("tag", "add", f, "final");
        assertThat(ok("ls", "--json", f).json().get(0).get("tags").toString()).isEqualTo("[\"wgs\",\"final\"]");
        ok("tag", "set", f);
        assertThat(ok("ls", "--json", f).json().get(0).get("tags")).isEmpty();
        Result folder = cli.run("tag", "add", p, "x");
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err()).contains("5027");
    }

    @Test
    void infoShowsAFileWithItsDrsUriAndLsJsonCarriesIt() throws Exception {
        String p = project("Drs Uris");
        ok("upload", localTree("info-src").resolve("calls.vcf").toString(), p);
        String f = p + "/calls.vcf";
        JsonNode listed = ok("ls", "--json", f).json().get(0);
        String id = listed.get("id").asText();
        String host = java.net.URI.create(server.url()).getHost();
        assertThat(listed.get("drs_uri").asText()).isEqualTo("drs://" + host + "/" + id);

        String shown = ok("info", f).out();
        assertThat(shown).startsWith("path      " + f + "\nid        " + id + "\ntype      file\n")
                .contains("\ndrs       drs://" + host + "/" + id + "\n");
        JsonNode json = ok("info", "--json", f).json();
        assertThat(json.get("drs_uri").asText()).isEqualTo(listed.get("drs_uri").asText());
        assertThat(json.get("path").asText()).isEqualTo(f);
        assertThat(ok("info", p).out()).contains("type      folder").doesNotContain("drs ");
        Result missing = cli.run("info", p + "/nothing.vcf");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file or folder");
    }

    // ---- tokens and administration ------------------------------------------------------------------------

    @Test
    void tokensAreIssuedListedAndRevoked() {
        Result created = ok("tokens", "create", "--scope", "files", "--expires-in", "2h", "--description", "ci");
        String secret = created.out().strip();
        assertThat(secret).startsWith("svt_");
        assertThat(created.err()).contains("shown only once");
        JsonNode asJson = ok("tokens", "create", "--scope", "files", "--json").json();
        assertThat(asJson.get("token").asText()).startsWith("svt_");

        JsonNode listed = ok("tokens", "ls", "--json").json();
        String id = null;
        for (JsonNode t : listed) {
            assertThat(t.has("token")).as("no secrets in listings").isFalse();
            if ("ci".equals(t.path("description").asText())) {
                id = t.get("id").asText();
                assertThat(t.get("expires_at").isNull()).isFalse();
            }
        }
        assertThat(id).isNotNull();
        assertThat(ok("tokens", "ls").out()).contains(id).contains("ci");
        CliRunner withSecret = cli.with("SEQVAULT_TOKEN", secret);
        assertThat(withSecret.run("projects", "ls").exit()).isZero();
        Result filesOnly = withSecret.run("tokens", "ls");
        assertThat(filesOnly.exit()).as("a files token cannot list tokens").isEqualTo(1);
        assertThat(filesOnly.err()).contains("'tokens' scope");
        ok("tokens", "revoke", id);
        Result revoked = withSecret.run("projects", "ls");
        assertThat(revoked.exit()).isEqualTo(1);
        assertThat(revoked.err()).contains("HTTP 401");
        assertThat(cli.run("tokens", "revoke", "tok_nope").exit()).isEqualTo(1);
        assertThat(cli.run("tokens", "create").exit()).as("--scope is required").isEqualTo(2);
        assertThat(cli.run("tokens", "create", "--scope", "files", "--expires-in", "soon").exit()).isEqualTo(2);
    }

    @Test
    void adminManagesUsersAndTheirTokens() {
        CliRunner admin = cli.with("SEQVAULT_TOKEN", TestServer.ADMIN_TOKEN);
        assertThat(admin.run("admin", "users", "create", "frank", "--email", "frank@example.org").exit()).isZero();
        JsonNode users = admin.run("admin", "users", "ls", "--json").json();
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.get("username").asText()));
        assertThat(names).contains("admin", "erin", "frank");
        Result t = admin.run("admin", "tokens", "create", "frank", "--scope", "files", "--scope", "projects");
        assertThat(t.exit()).as(t.toString()).isZero();
        Result asFrank = cli.with("SEQVAULT_TOKEN", t.out().strip()).run("projects", "create", "Franks");
        assertThat(asFrank.out().strip()).isEqualTo("frank/franks");

        Result notAdmin = cli.run("admin", "users", "ls");
        assertThat(notAdmin.exit()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("missing_scope");
        assertThat(admin.run("admin", "users", "create", "frank").exit()).isEqualTo(1);
    }

    @Test
    void adminExtractMetadataQueuesAProjectsGenomicsFilesAgain() throws Exception {
        String p = project("Headers CLI");
        ok("upload", Files.writeString(tmp.resolve("calls.vcf"), "not really a VCF\n").toString(), p + "/raw");
        ok("upload", Files.writeString(tmp.resolve("notes.txt"), "notes\n").toString(), p + "/raw");
        CliRunner admin = cli.with("SEQVAULT_TOKEN", TestServer.ADMIN_TOKEN);

        Result run = admin.run("admin", "extract-metadata", "--project", p);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("project  " + p + "\nqueued   1\npending  ");
        JsonNode json = admin.run("admin", "extract-metadata", "--project", p, "--json").json();
        assertThat(json.get("queued").asInt()).as("the .vcf, not the .txt").isEqualTo(1);
        assertThat(json.get("queue").has("done")).isTrue();

        Result notAdmin = cli.run("admin", "extract-metadata");
        assertThat(notAdmin.exit()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("missing_scope");
    }

    @Test
    void adminSetsQuotasAndProjectsInfoShowsUsageAndQuota() throws Exception {
        String p = project("Quota CLI");
        Path thousand = Files.writeString(tmp.resolve("thousand.txt"), "x".repeat(1000));
        ok("upload", thousand.toString(), p + "/raw");
        CliRunner admin = cli.with("SEQVAULT_TOKEN", TestServer.ADMIN_TOKEN);

        assertThat(admin.run("admin", "quota", p).out()).isEqualTo("project   " + p + "\n"
                + "stored    1000 B in 1 file\n"
                + "reserved  0 B by 0 unfinished uploads\n"
                + "quota     none\n");
        assertThat(admin.run("admin", "quota", p, "--bytes", "1KiB", "--files", "10").out()).isEqualTo(
                "project   " + p + "\n"
                        + "stored    1000 B in 1 file\n"
                        + "reserved  0 B by 0 unfinished uploads\n"
                        + "quota     1.0 KiB, 10 files\n"
                        + "free      24 B, 9 files\n");
        JsonNode info = ok("projects", "info", "--json", p).json();
        assertThat(info.get("usage").toString())
                .isEqualTo("{\"bytes\":1000,\"files\":1,\"reserved_bytes\":0,\"reserved_files\":0}");
        assertThat(info.get("quota").toString()).isEqualTo("{\"bytes\":1024,\"files\":10}");
        assertThat(ok("projects", "info", p).out()).startsWith("project    " + p + "\nname       Quota CLI\n")
                .endsWith("stored     1000 B in 1 file\n"
                        + "reserved   0 B by 0 unfinished uploads\n"
                        + "quota      1.0 KiB, 10 files\n"
                        + "free       24 B, 9 files\n");

        Path more = Files.writeString(tmp.resolve("more.txt"), "y".repeat(100));
        Result over = cli.run("upload", more.toString(), p + "/raw");
        assertThat(over.exit()).as(over.toString()).isEqualTo(1);
        assertThat(over.err()).contains("is over its quota: 1000 B used + 100 B requested > 1.0 KiB allowed");

        JsonNode unlimited = admin.run("admin", "quota", p, "--bytes", "none", "--json").json();
        assertThat(unlimited.get("quota").toString()).as("the file limit stays")
                .isEqualTo("{\"bytes\":null,\"files\":10}");
        assertThat(admin.run("admin", "quota", p, "--bytes", "1TB", "--json").json().get("quota").get("bytes").asLong())
                .isEqualTo(1_000_000_000_000L);
        ok("upload", more.toString(), p + "/raw");

        assertThat(admin.run("admin", "quota", p, "--bytes", "lots").exit()).isEqualTo(2);
        assertThat(admin.run("admin", "quota", p, "--files", "-1").exit()).isEqualTo(2);
        Result notAdmin = cli.run("admin", "quota", p);
        assertThat(notAdmin.exit()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("missing_scope");
    }

    // ---- the command line itself ----------------------------------------------------------------------------

    @Test
    void adminAuditPrintsTheTrailAsATableOrJsonLines() throws Exception {
        String p = project("Audited by CLI");
        ok("mkdir", p + "/raw");
        CliRunner admin = cli.with("SEQVAULT_TOKEN", TestServer.ADMIN_TOKEN);

        List<JsonNode> lines = jsonLines(admin.run("admin", "audit", "--project", p, "--json"));
        assertThat(lines).extracting(l -> l.get("action").asText()).containsExactly("folder.create", "project.create");
        for (JsonNode line : lines) {
            assertThat(line.get("username").asText()).isEqualTo("erin");
            assertThat(line.get("outcome").asText()).isEqualTo("ok");
            assertThat(line.get("project").asText()).isEqualTo(p);
            assertThat(line.get("token_id").asText()).startsWith("tok_");
            assertThat(line.get("request_id").asText()).startsWith("req_");
            assertThat(line.get("client_address").asText()).isEqualTo("127.0.0.1");
        }
        assertThat(lines.get(0).get("target").asText()).isEqualTo("raw/");
        String workspace = lines.get(0).get("project_id").asText();
        assertThat(jsonLines(admin.run("admin", "audit", "--project", workspace, "--json")))
                .as("by workspace id, through the admin listing").isEqualTo(lines);
        assertThat(jsonLines(cli.run("admin", "audit", "--project", p, "--json")))
                .as("the project's own admin reads it too").isEqualTo(lines);
        assertThat(jsonLines(admin.run("admin", "audit", "--user", "erin", "--action", "folder.*", "--since", "1h",
                "--until", "2099-01-01", "--json"))).extracting(l -> l.get("target").asText()).contains("raw/");
        assertThat(jsonLines(admin.run("admin", "audit", "--project", p, "--limit", "1", "--json"))).hasSize(1);
        assertThat(admin.run("admin", "audit", "--project", p, "--until", "2000-01-01", "--json").out()).isEmpty();

        Result table = admin.run("admin", "audit", "--project", p);
        assertThat(table.exit()).as(table.toString()).isZero();
        List<String> rows = table.out().lines().toList();
        assertThat(rows.get(0)).startsWith("TIME (UTC)").contains("USER", "ACTION", "OUTCOME", "REQUEST", "PROJECT",
                "TARGET");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).contains("erin", "folder.create", "ok", lines.get(0).get("request_id").asText(), p)
                .endsWith("raw/");

        Result notAdmin = cli.run("admin", "audit", "--json");
        assertThat(notAdmin.exit()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("missing_scope");
        Result badTime = admin.run("admin", "audit", "--since", "yesterday");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("--since 'yesterday'").contains("7d");
        Result badAction = admin.run("admin", "audit", "--action", "file.explode");
        assertThat(badAction.exit()).isEqualTo(1);
        assertThat(badAction.err()).contains("file.delete");
    }

    private static List<JsonNode> jsonLines(Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            lines.add(org.seqvault.client.internal.Json.MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void usageErrorsAreOneLineWithExitCodeTwo() {
        Result unknown = cli.run("ls", "--bogus", "erin/x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("seqvault: Unknown option: '--bogus'").contains("seqvault ls --help");
        assertThat(unknown.err().lines().count()).isEqualTo(2);

        Result badRemote = cli.run("ls", "just-a-name");
        assertThat(badRemote.exit()).isEqualTo(2);
        assertThat(badRemote.err()).contains("not a remote location");
        Result oneArg = cli.run("upload", "only-one-arg");
        assertThat(oneArg.exit()).isEqualTo(2);
        assertThat(oneArg.err()).startsWith("seqvault: expected LOCAL… REMOTE_FOLDER (at least 2 arguments)\n");
        Result extra = cli.run("ls", "erin/x", "erin/y");
        assertThat(extra.exit()).isEqualTo(2);
        assertThat(extra.err()).startsWith("seqvault: unexpected argument: 'erin/y'\n");
        assertThat(cli.run("upload", "--parallel", "0", "a", "erin/x").exit()).isEqualTo(2);
        assertThat(cli.run().exit()).isEqualTo(2);
        assertThat(cli.run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void aMistypedCommandOrOptionGetsTheNearestOnes() {
        Result command = cli.run("uplod", "a", "erin/x");
        assertThat(command.exit()).isEqualTo(2);
        assertThat(command.err().lines()).hasSize(3).startsWith("seqvault: 'uplod' is not a seqvault command")
                .endsWith("Try 'seqvault --help' for more information.");
        assertThat(command.err().lines().toList().get(1)).startsWith("Did you mean: seqvault upload");
        Result sub = cli.run("meta", "gett", "erin/x/f");
        assertThat(sub.exit()).isEqualTo(2);
        assertThat(sub.err()).contains("'gett' is not a seqvault meta command").contains("Did you mean: seqvault meta get or");
        Result option = cli.run("upload", "--paralel", "3", "a", "erin/x");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown option: '--paralel'").contains("Possible solutions: --parallel");
    }

    @Test
    void aCommandGroupRunAloneNamesItsCommands() {
        Result meta = cli.run("meta");
        assertThat(meta.exit()).isEqualTo(2);
        assertThat(meta.err()).startsWith("seqvault: missing a command: get, set or unset\n")
                .contains("seqvault meta --help");
        assertThat(cli.run("admin", "users").err()).startsWith("seqvault: missing a command: ls or create\n");
    }

    /** Every command and subcommand picocli knows, so that one added later is checked too. */
    @Test
    void everyCommandAnswersHelpOnStdout() {
        List<List<String>> commands = new ArrayList<>();
        collectCommands(Main.commandLine(new CliContext(Map.of(), InputStream.nullInputStream(), System.out,
                System.err, false, false)), List.of(), commands);
        assertThat(commands).contains(List.of(), List.of("upload"), List.of("meta", "get"),
                List.of("admin", "tokens", "create"), List.of("help"));
        for (List<String> command : commands) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(command);
                args.add(flag);
                Result r = cli.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(args + "\n" + r).isZero();
                assertThat(r.err()).as(args + "\n" + r).isEmpty();
                String name = ("seqvault " + String.join(" ", command)).strip();
                assertThat(r.out()).as(args + "\n" + r).contains("Usage: " + name).contains("-h, --help");
            }
        }
    }

    private static void collectCommands(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> below = new ArrayList<>(path);
            below.add(name);
            collectCommands(sub, below, into);
        });
    }

    @Test
    void debugShowsStackTraces() {
        Result plain = cli.run("ls", "erin/no-such-project");
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.err()).doesNotContain("\tat ");
        Result debug = cli.run("--debug", "ls", "erin/no-such-project");
        assertThat(debug.exit()).isEqualTo(1);
        assertThat(debug.err()).contains("NotFoundException").contains("\tat ");
        assertThat(cli.run("ls", "--debug", "erin/no-such-project").err()).contains("\tat ");
    }

    @Test
    void helpVersionAndCompletion() {
        Result help = ok("--help");
        for (String command : List.of("login", "ls", "mkdir", "upload", "download", "rm", "mv", "cp", "meta", "tag",
                "projects", "tokens", "admin", "completion")) {
            assertThat(help.out()).contains("  " + command + " ");
        }
        assertThat(ok("--version").out()).startsWith("seqvault client ");
        String script = ok("completion").out();
        assertThat(script).contains("complete -F").contains("upload").contains("--parallel");
    }
}
