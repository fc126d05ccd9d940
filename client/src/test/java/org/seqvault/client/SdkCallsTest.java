package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.TestServer;

/** Every SDK call once against the real server over loopback, with the server's own answers checked. */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class SdkCallsTest {
    @TempDir
    static Path tmp;
    static TestServer server;
    static SeqVault sv;
    static SeqVault admin;
    static Project project;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        String token = server.userToken("alice");
        sv = SeqVault.connect(server.url() + "/", token);
        admin = SeqVault.connect(server.url(), TestServer.ADMIN_TOKEN);
        project = sv.projects().create("SDK calls");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sv != null) {
            sv.close();
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Path file(String name, String content) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src-" + System.nanoTime()));
        return Files.writeString(dir.resolve(name), content);
    }

    // ---- the seed's calls, one for one -------------------------------------------------------

    @Test
    void seedCallsOneForOne() throws Exception {
        String ws = project.workspaceId();
        Path vcf = file("sample.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\n");

        V1File uploaded = sv.files().upload(vcf, ws, "raw/");
        assertThat(uploaded.key()).isEqualTo("raw/sample.vcf");
        assertThat(uploaded.sha256()).isEqualTo(TestFiles.sha256(vcf));
        assertThat(uploaded.contentType()).isEqualTo("text/x-vcf");
        assertThat(sv.files().list(ws).stream().map(V1File::key)).contains("raw/sample.vcf");
        assertThat(sv.files().list(ws, "raw/").toList()).extracting(V1File::key).containsExactly("raw/sample.vcf");

        Path saved = sv.files().download(uploaded.key(), ws, tmp.resolve("output"));
        assertThat(saved).isEqualTo(tmp.resolve("output").resolve("sample.vcf").toAbsolutePath());
        assertThat(Files.readString(saved)).isEqualTo(Files.readString(vcf));
        assertThat(sv.files().downloadLink(uploaded.key(), ws).sha256()).isEqualTo(uploaded.sha256());

        Path bam = tmp.resolve("large_genome.bam");
        String sha = TestFiles.random(bam, 3_000_000, 7);
        UploadTicket info = sv.files().uploadLarge("large_genome.bam", ws, "application/octet-stream",
                Files.size(bam), "bam/");
        assertThat(info.method()).isEqualTo("PUT");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(info.uploadUrl()))
                    .PUT(HttpRequest.BodyPublishers.ofFile(bam))
                    .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(put.statusCode()).isEqualTo(200);
        }
        V1File confirmed = sv.files().uploadConfirm(info.fileKey(), ws, "large_genome.bam", Files.size(bam));
        assertThat(confirmed.key()).isEqualTo("bam/large_genome.bam");
        assertThat(confirmed.sha256()).isEqualTo(sha);

        sv.files().delete(uploaded.key(), ws);
        assertThat(sv.files().list(ws, "raw/").toList()).isEmpty();
        assertThatThrownBy(() -> sv.files().delete(uploaded.key(), ws))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.requestId()).startsWith("req_");
                });
    }

    @Test
    void formUploadsKeepEveryFileNameExactly() throws Exception {
        String ws = project.workspaceId();
        V1File quoted = sv.files().upload(file("say \"hi\" to ü.vcf", "x"), ws, "names/");
        assertThat(quoted.key()).isEqualTo("names/say \"hi\" to ü.vcf");
        // A CR LF in the name neither ends the part's header nor adds one: the server gets the name
        // as it is and refuses it, as it refuses any name with a control character.
        Path injected = file("two\r\nContent-Type: text", "x");
        assertThatThrownBy(() -> sv.files().upload(injected, ws, "names/"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.serverMessage()).contains("control characters"));
        assertThat(sv.files().list(ws, "names/").toList()).extracting(V1File::key)
                .containsExactly("names/say \"hi\" to ü.vcf");
    }

    @Test
    void uploadConfirmChecksTheSha256AndTheSize() throws Exception {
        String ws = project.workspaceId();
        Path f = file("checked.bin", "0123456789");
        UploadTicket ticket = sv.files().uploadLarge("checked.bin", ws, null, 10, "checked/");
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create(ticket.uploadUrl())).PUT(HttpRequest.BodyPublishers.ofFile(f))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        assertThatThrownBy(() -> sv.files().uploadConfirm(ticket.fileKey(), ws, "checked.bin", 11))
                .isInstanceOfSatisfying(UnprocessableException.class, e -> assertThat(e.code()).isEqualTo("size_mismatch"));
        assertThatThrownBy(() -> sv.files().uploadConfirm(ticket.fileKey(), ws, "checked.bin", 10, null, "00".repeat(32)))
                .isInstanceOfSatisfying(UnprocessableException.class,
                        e -> assertThat(e.code()).isEqualTo("checksum_mismatch"));
    }

    @Test
    void v1ListingFollowsCursorsAcrossPages() throws Exception {
        Project p = sv.projects().create("Many v1 files");
        RemoteFile first = sv.transfers().upload(file("f00.txt", "x"), p.rootFolder(), UploadOptions.defaults());
        for (int i = 1; i < 25; i++) {
            sv.tree().copy(first.id(), p.rootFolder(), String.format("f%02d.txt", i));
        }
        List<V1File> all = sv.files().list(p.workspaceId(), null, 10).toList();
        assertThat(all).hasSize(25);
        assertThat(all.get(24).key()).isEqualTo("f24.txt");
    }

    @Test
    void uploadLargeInOneCallWithParallelParts() throws Exception {
        Path big = tmp.resolve("one-call.bam");
        String sha = TestFiles.random(big, 5 * 1024 * 1024 + 17, 3);
        long[] seen = {0};
        V1File f = sv.files().uploadLarge(big, project.workspaceId(), "/deep/er/", UploadOptions.defaults()
                .partSize(1 << 20).parallel(3).listener(ProgressListener.onBytes(n -> {
                    synchronized (seen) {
                        seen[0] += n;
                    }
                })));
        assertThat(f.key()).isEqualTo("deep/er/one-call.bam");
        assertThat(f.sha256()).isEqualTo(sha);
        assertThat(seen[0]).isEqualTo(Files.size(big));
        assertThat(tmp.resolve(".one-call.bam.seqvault-upload")).doesNotExist();
    }

    // ---- projects ---------------------------------------------------------------------------

    @Test
    void projectsLifeCycle() throws Exception {
        Project p = sv.projects().create("Trio WGS", "three genomes", false);
        assertThat(p.id()).isEqualTo("alice/trio-wgs");
        assertThat(p.workspaceId()).startsWith("ws_");
        assertThat(sv.projects().get(p.id()).rootFolder()).isEqualTo(p.rootFolder());
        assertThat(sv.projects().list().stream().map(Project::id)).contains(p.id(), project.id());
        assertThat(sv.projects().byWorkspace(p.workspaceId()).id()).isEqualTo(p.id());
        assertThat(sv.projects().update(p.id(), null, "now four", true).description()).isEqualTo("now four");

        sv.transfers().upload(file("a.txt", "a"), p.rootFolder(), UploadOptions.defaults());
        assertThatThrownBy(() -> sv.projects().delete(p.id())).isInstanceOf(ConflictException.class);
        sv.tree().deleteRecursively(sv.tree().resolve(RemotePath.parse(p.id() + "/a.txt")).id());
        sv.projects().delete(p.id());
        assertThatThrownBy(() -> sv.projects().get(p.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("3002"));
        assertThatThrownBy(() -> sv.projects().byWorkspace("ws_nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void projectTagsSettingsAndFilters() {
        Project p = sv.projects().create("Tagged RNA", null, false, List.of("rna", "2024"), Map.of("locked", false));
        assertThat(p.tags()).containsExactly("rna", "2024");
        assertThat(p.settings()).containsEntry("locked", false);
        sv.projects().create("Tagged DNA", null, false, List.of("dna", "2024"), Map.of());

        assertThat(sv.projects().list("Tagged RNA", List.of()).stream().map(Project::id)).containsExactly(p.id());
        assertThat(sv.projects().list(null, List.of("2024", "rna")).stream().map(Project::id)).containsExactly(p.id());
        assertThat(sv.projects().list(null, List.of("2024")).stream().map(Project::name))
                .containsExactlyInAnyOrder("Tagged RNA", "Tagged DNA");
        assertThat(sv.projects().ownedBy("alice").stream().map(Project::id)).contains(p.id(), project.id());
        assertThat(sv.projects().ownedBy("nobody").stream()).isEmpty();

        Project changed = sv.projects().update(p.id(), null, null, null, List.of("rna"), Map.of("locked", true));
        assertThat(changed.tags()).containsExactly("rna");
        assertThat(changed.settings()).containsEntry("locked", true);
        assertThat(sv.projects().update(p.id(), "Renamed", null, null).tags()).as("kept when not sent")
                .containsExactly("rna");
    }

    // ---- folders, paths, queries -----------------------------------------------------------------

    @Test
    void foldersAndPaths() {
        RemotePath c = RemotePath.parse(project.id() + "/a/b/c");
        RemoteFile folder = sv.tree().mkdirs(c);
        assertThat(folder.isFolder()).isTrue();
        assertThat(sv.tree().mkdirs(c).id()).as("mkdirs twice is the same folder").isEqualTo(folder.id());
        assertThat(sv.tree().resolve(c).id()).isEqualTo(folder.id());
        assertThat(sv.tree().pathOf(folder)).isEqualTo(c);
        assertThat(sv.tree().find(c.child("missing"))).isEmpty();
        assertThat(sv.tree().resolve(RemotePath.parse(project.id())).id()).isEqualTo(project.rootFolder());
        assertThat(sv.tree().list(sv.tree().resolve(c.parent()).id()).toList()).extracting(RemoteFile::name)
                .containsExactly("c");
        assertThatThrownBy(() -> sv.tree().createFolder(sv.tree().resolve(c.parent()).id(), "c"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("5030"));
        assertThatThrownBy(() -> sv.tree().resolve(c.child("missing"))).isInstanceOf(NotFoundException.class);
        String b = sv.tree().resolve(c.parent()).id();
        assertThat(sv.tree().child(b, "c")).map(RemoteFile::id).contains(folder.id());
        assertThat(sv.tree().child(b, "C")).as("names are exact").isEmpty();
    }

    @Test
    void aDownloadUrlNeedsNoToken() throws Exception {
        String content = "@r1\nACGT\n+\nIIII\n";
        RemoteFile f = sv.transfers().upload(file("url.fq", content), RemotePath.parse(project.id() + "/url"),
                UploadOptions.defaults());
        String url = sv.tree().downloadUrl(f.id());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(content);
        }
        assertThatThrownBy(() -> sv.tree().downloadUrl("0123456789abcdef01234567"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFileCarriesItsDrsUriAndAFolderNone() throws Exception {
        RemoteFile f = sv.transfers().upload(file("drs.fq", "@r1\nACGT\n+\nIIII\n"),
                RemotePath.parse(project.id() + "/drs"), UploadOptions.defaults());
        String host = URI.create(server.url()).getHost();
        assertThat(f.drsUri()).isEqualTo("drs://" + host + "/" + f.id());
        assertThat(sv.tree().get(f.id()).drsUri()).isEqualTo(f.drsUri());
        assertThat(sv.tree().resolve(RemotePath.parse(project.id() + "/drs")).drsUri()).isNull();
    }

    @Test
    void metadataTagsAndQueries() throws Exception {
        RemoteFile folder = sv.tree().mkdirs(RemotePath.parse(project.id() + "/query"));
        RemoteFile s1 = sv.transfers().upload(file("s1.bam", "1"), folder.id(), UploadOptions.defaults()
                .metadata("sample_id", "S1").metadata("library_id", "L1").tag("wgs"));
        RemoteFile s2 = sv.transfers().upload(file("s2.bam", "2"), folder.id(), UploadOptions.defaults()
                .metadata(Map.of("sample_id", "S2")).tag("wgs").tag("batch-3"));
        sv.transfers().upload(file("s3.vcf", "3"), folder.id(), UploadOptions.defaults());
        assertThat(s1.metadata()).containsEntry("sample_id", "S1").containsEntry("library_id", "L1");
        assertThat(s2.tags()).containsExactly("wgs", "batch-3");

        assertThat(names(FileQuery.inFolder(folder.id()).metadata("sample_id", "S1"))).containsExactly("s1.bam");
        assertThat(names(FileQuery.inFolder(folder.id()).metadata("sample_id", "S1").metadata("sample_id", "S2")))
                .containsExactly("s1.bam", "s2.bam");
        assertThat(names(FileQuery.inFolder(folder.id()).tag("batch-3"))).containsExactly("s2.bam");
        assertThat(names(FileQuery.inFolder(folder.id()).tag("wgs").name("s1.bam"))).containsExactly("s1.bam");
        assertThat(names(FileQuery.inFolder(folder.id()).originTask("no-such-task"))).isEmpty();
        assertThat(names(FileQuery.inProject(project.id()).name("query"))).containsExactly("query");

        Map<String, String> changes = new HashMap<>();
        changes.put("library_id", null);
        changes.put("platform", "illumina");
        assertThat(sv.tree().updateMetadata(s1.id(), changes)).containsOnly(Map.entry("sample_id", "S1"),
                Map.entry("platform", "illumina"));
        assertThat(sv.tree().replaceMetadata(s1.id(), Map.of("sample_id", "S9"))).containsOnly(Map.entry("sample_id", "S9"));
        assertThat(sv.tree().metadata(s1.id())).containsOnly(Map.entry("sample_id", "S9"));
        assertThat(sv.tree().setTags(s1.id(), List.of("b", "a", "b"))).containsExactly("b", "a");
        RemoteFile labelled = sv.tree().label(s1.id(), Map.of("x", "1"), List.of("t"));
        assertThat(labelled.metadata()).containsOnly(Map.entry("sample_id", "S9"), Map.entry("x", "1"));
        assertThat(labelled.tags()).containsExactly("t");
        assertThatThrownBy(() -> sv.tree().updateMetadata(folder.id(), Map.of("k", "v")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).isEqualTo("5025"));
    }

    private static List<String> names(FileQuery q) {
        return sv.tree().query(q).stream().map(RemoteFile::name).toList();
    }

    @Test
    void listingsAndQueriesFollowEveryPage() throws Exception {
        RemoteFile folder = sv.tree().mkdirs(RemotePath.parse(project.id() + "/many"));
        RemoteFile first = sv.transfers().upload(file("r000.fq", "@r\nA\n+\nI\n"), folder.id(),
                UploadOptions.defaults().metadata("run", "7"));
        for (int i = 1; i < 130; i++) {
            sv.tree().copy(first.id(), folder.id(), String.format("r%03d.fq", i));
        }
        List<RemoteFile> listed = sv.tree().list(folder.id()).toList();
        assertThat(listed).hasSize(130);
        assertThat(listed.get(129).name()).isEqualTo("r129.fq");
        assertThat(names(FileQuery.inFolder(folder.id()).metadata("run", "7"))).hasSize(130).doesNotHaveDuplicates();
        assertThat(names(FileQuery.inFolder(folder.id()).name("r001.fq").name("r128.fq")))
                .containsExactly("r001.fq", "r128.fq");
    }

    @Test
    void renameCopyMoveAndDelete() throws Exception {
        RemoteFile src = sv.tree().mkdirs(RemotePath.parse(project.id() + "/ops/src"));
        RemoteFile dst = sv.tree().mkdirs(RemotePath.parse(project.id() + "/ops/dst"));
        RemoteFile f = sv.transfers().upload(file("reads.fq", "@r1\nACGT\n+\nIIII\n"), src.id(),
                UploadOptions.defaults().metadata("sample_id", "S1").tag("raw"));

        RemoteFile renamed = sv.tree().rename(f.id(), "reads_1.fq");
        assertThat(renamed.id()).isEqualTo(f.id());
        assertThat(renamed.name()).isEqualTo("reads_1.fq");

        RemoteFile copy = sv.tree().copy(f.id(), dst.id(), null);
        assertThat(copy.id()).isNotEqualTo(f.id());
        assertThat(copy.metadata()).containsEntry("sample_id", "S1");
        assertThat(copy.tags()).containsExactly("raw");
        assertThatThrownBy(() -> sv.tree().copy(f.id(), dst.id(), null))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("5003"));

        RemoteFile moved = sv.tree().move(f.id(), dst.id(), "reads_moved.fq");
        assertThat(moved.id()).as("a move keeps the id").isEqualTo(f.id());
        assertThat(sv.tree().pathOf(moved).toString()).isEqualTo(project.id() + "/ops/dst/reads_moved.fq");

        Project other = sv.projects().create("Other project");
        RemoteFile across = sv.tree().move(copy.id(), other.rootFolder(), null);
        assertThat(across.project()).isEqualTo(other.id());
        assertThatThrownBy(() -> sv.tree().get(copy.id())).isInstanceOf(NotFoundException.class);

        RemoteFile folderCopy = sv.tree().copy(dst.id(), other.rootFolder(), "dst-copy");
        assertThat(sv.tree().list(folderCopy.id()).stream().map(RemoteFile::name)).containsExactly("reads_moved.fq");
        RemoteFile folderMoved = sv.tree().move(dst.id(), src.id(), "dst-moved");
        assertThat(sv.tree().pathOf(folderMoved).toString()).isEqualTo(project.id() + "/ops/src/dst-moved");
        assertThat(sv.tree().list(folderMoved.id()).stream().map(RemoteFile::id)).containsExactly(f.id());

        assertThatThrownBy(() -> sv.tree().delete(src.id()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).isEqualTo("5021"));
        sv.tree().deleteRecursively(src.id());
        assertThat(sv.tree().find(RemotePath.parse(project.id() + "/ops/src"))).isEmpty();
        assertThatThrownBy(() -> sv.tree().get(f.id())).isInstanceOf(NotFoundException.class);
    }

    // ---- transfers ---------------------------------------------------------------------------------

    @Test
    void uploadsAndDownloadsOfEverySizeRoundTrip() throws Exception {
        RemotePath folder = RemotePath.parse(project.id() + "/sizes");
        Path dir = Files.createDirectories(tmp.resolve("sizes"));
        Path out = tmp.resolve("sizes-out");
        for (long size : new long[] {0, 1, (32L << 20) + 1}) {
            Path src = dir.resolve("f" + size + ".bin");
            String sha = TestFiles.random(src, size, size);
            RemoteFile up = sv.transfers().upload(src, folder, UploadOptions.defaults());
            assertThat(up.size()).isEqualTo(size);
            Path byFile = sv.transfers().download(up, out.resolve("by-file"), DownloadOptions.defaults().chunkSize(1 << 20));
            Path byPath = sv.transfers().download(folder.child(src.getFileName().toString()), out.resolve("by-path"),
                    DownloadOptions.defaults());
            assertThat(TestFiles.sha256(byFile)).isEqualTo(sha);
            assertThat(TestFiles.sha256(byPath)).isEqualTo(sha);
        }
        assertThat(Files.list(out.resolve("by-file")).map(p -> p.getFileName().toString()))
                .as("no .part or state files are left behind")
                .containsExactlyInAnyOrder("f0.bin", "f1.bin", "f33554433.bin");
    }

    @Test
    void uploadRefusesATakenNameUnlessOverwriting() throws Exception {
        RemoteFile folder = sv.tree().mkdirs(RemotePath.parse(project.id() + "/taken"));
        Path f = file("x.txt", "one");
        RemoteFile first = sv.transfers().upload(f, folder.id(), UploadOptions.defaults());
        Files.writeString(f, "two");
        assertThatThrownBy(() -> sv.transfers().upload(f, folder.id(), UploadOptions.defaults()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("5003"));
        RemoteFile second = sv.transfers().upload(f, folder.id(), UploadOptions.defaults().overwrite(true));
        assertThat(second.id()).isNotEqualTo(first.id());
        Path saved = sv.transfers().download(second, tmp.resolve("taken-out"), DownloadOptions.defaults());
        assertThat(Files.readString(saved)).isEqualTo("two");
        assertThatThrownBy(() -> sv.transfers().download(second, tmp.resolve("taken-out"),
                DownloadOptions.defaults().overwrite(false))).isInstanceOf(java.io.UncheckedIOException.class);
    }

    // ---- tokens, admin, identity -------------------------------------------------------------------

    @Test
    void tokensAndAdministration() {
        assertThat(sv.me().username()).isEqualTo("alice");
        Instant asked = Instant.now();
        IssuedToken extra = sv.tokens().create(List.of("files"), Duration.ofHours(1), "ci");
        assertThat(extra.token()).startsWith("svt_");
        assertThat(extra.expiresAt()).as("an hour from now")
                .isBetween(asked.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(sv.tokens().list()).extracting(Token::id).contains(extra.id());
        try (SeqVault ci = SeqVault.connect(server.url(), extra.token())) {
            assertThat(ci.me().username()).isEqualTo("alice");
            assertThatThrownBy(() -> ci.projects().create("nope"))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> ci.tokens().list()).as("a files token cannot see its user's tokens")
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("missing_scope"));
            sv.tokens().revoke(extra.id());
            assertThatThrownBy(ci::me).isInstanceOfSatisfying(UnauthorizedException.class,
                    e -> assertThat(e.code()).isEqualTo("90001"));
        }

        User bob = admin.admin().createUser("bob", "bob@example.org", "Bob", null);
        assertThat(bob.email()).isEqualTo("bob@example.org");
        assertThat(admin.admin().users()).extracting(User::username).contains("admin", "alice", "bob");
        assertThatThrownBy(() -> admin.admin().createUser("bob", null, null, null)).isInstanceOf(ConflictException.class);
        IssuedToken bobs = admin.admin().createToken("bob", List.of("files"), null, null);
        assertThat(bobs.username()).isEqualTo("bob");
        assertThatThrownBy(() -> sv.admin().users()).isInstanceOfSatisfying(ForbiddenException.class,
                e -> assertThat(e.code()).isEqualTo("missing_scope"));
    }

    @Test
    void theAuditTrailForAdminsAndForAProjectsAdmins() throws Exception {
        Project audited = sv.projects().create("SDK audit");
        V1File file = sv.files().upload(file("audited.vcf", "##fileformat=VCFv4.2\n"), audited.workspaceId(), "raw/");
        sv.files().delete(file.key(), audited.workspaceId());

        List<AuditRecord> mine = sv.projects().audit(audited.id(), AuditQuery.all()).stream().toList();
        assertThat(mine).extracting(AuditRecord::action)
                .containsExactly("file.delete", "file.upload", "project.create");
        AuditRecord deleted = mine.get(0);
        assertThat(deleted.username()).isEqualTo("alice");
        assertThat(deleted.outcome()).isEqualTo("ok");
        assertThat(deleted.project()).isEqualTo(audited.id());
        assertThat(deleted.projectId()).isEqualTo(audited.workspaceId());
        assertThat(deleted.target()).isEqualTo("raw/audited.vcf");
        assertThat(deleted.tokenId()).startsWith("tok_");
        assertThat(deleted.requestId()).startsWith("req_");
        assertThat(deleted.at()).isAfter(mine.get(2).at().minusNanos(1));
        assertThat(sv.projects().audit(audited.id(), AuditQuery.all().action("file.upload")).stream().toList())
                .extracting(AuditRecord::target).containsExactly("raw/audited.vcf");

        assertThat(admin.admin().audit(AuditQuery.all().project(audited.id())).stream().toList()).isEqualTo(mine);
        assertThat(admin.admin().audit(AuditQuery.all().project(audited.workspaceId()).user("alice")
                .action("project.*").since(mine.get(2).at()).until(mine.get(2).at().plusNanos(1000))).stream()
                .map(AuditRecord::id)).containsExactly(mine.get(2).id());
        assertThatThrownBy(() -> sv.admin().audit(AuditQuery.all()).iterator().hasNext())
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("missing_scope"));
        assertThatThrownBy(() -> admin.admin().audit(AuditQuery.all().action("file.explode")).iterator().hasNext())
                .isInstanceOf(BadRequestException.class).hasMessageContaining("file.delete");
    }

    @Test
    void anUnreachableServerIsATransportFailureAtOnce() {
        try (SeqVault nowhere = SeqVault.connect("http://127.0.0.1:1", "svt_x")) {
            assertThatThrownBy(nowhere::me).isInstanceOf(TransportException.class)
                    .as("a refused connection is not tried again (the default policy allows 6 tries)")
                    .hasMessage("cannot connect to http://127.0.0.1:1; is the server running? (GET /v2/user)");
        }
        assertThatThrownBy(() -> SeqVault.connect("ftp://x", "t")).isInstanceOf(IllegalArgumentException.class);
    }
}
