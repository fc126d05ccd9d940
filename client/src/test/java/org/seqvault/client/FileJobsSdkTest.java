package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestServer;

/** {@link FileJobs} against the real server: folders copied, moved and deleted by jobs, progress, per-item results. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FileJobsSdkTest {
    /** An id of the right shape that names nothing. */
    static final String UNKNOWN = "0123456789abcdef01234567";

    @TempDir
    static Path tmp;
    static TestServer server;
    static SeqVault sv;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        sv = SeqVault.connect(server.url(), server.userToken("jon"));
    }

    @AfterAll
    static void stop() {
        if (sv != null) {
            sv.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** {@code runs/r1/{a.fq,b.fq}} and {@code runs/r2/c.fq} in a new project; returns the {@code runs} folder. */
    static RemoteFile runs(Project p) throws Exception {
        RemoteFile r1 = sv.tree().mkdirs(RemotePath.parse(p.id() + "/runs/r1"));
        RemoteFile r2 = sv.tree().mkdirs(RemotePath.parse(p.id() + "/runs/r2"));
        upload(r1, "a.fq", "@a\nACGT\n+\nIIII\n", UploadOptions.defaults().metadata("sample_id", "S1").tag("wgs"));
        upload(r1, "b.fq", "@b\nTTTT\n+\nIIII\n", UploadOptions.defaults());
        upload(r2, "c.fq", "@c\nGGGG\n+\nIIII\n", UploadOptions.defaults());
        return sv.tree().resolve(RemotePath.parse(p.id() + "/runs"));
    }

    static RemoteFile upload(RemoteFile folder, String name, String content, UploadOptions options) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src-" + System.nanoTime()));
        return sv.transfers().upload(Files.writeString(dir.resolve(name), content), folder.id(), options);
    }

    static List<String> names(RemoteFile folder) {
        return sv.tree().list(folder.id()).stream().map(RemoteFile::name).toList();
    }

    @Test
    void aFolderIsCopiedIntoAnotherProjectWithProgressAndAnUnknownItemFailsAlone() throws Exception {
        Project from = sv.projects().create("Jobs copy source");
        Project to = sv.projects().create("Jobs copy target");
        RemoteFile runs = runs(from);

        FileJob submitted = sv.jobs().copy(List.of(JobItem.intoProject(runs.id(), to.id()),
                JobItem.intoFolder(UNKNOWN, to.rootFolder())));
        assertThat(submitted.type()).isEqualTo(JobType.COPY);
        List<JobProgress> seen = Collections.synchronizedList(new ArrayList<>());
        FileJob done = sv.jobs().wait(submitted, seen::add);

        assertThat(done.isFinished()).isTrue();
        assertThat(done.id()).isEqualTo(submitted.id());
        assertThat(done.finishedOn()).isNotNull();
        assertThat(done.result()).hasSize(2);
        RemoteFile copy = done.result().get(0).orThrow();
        assertThat(copy.isFolder()).isTrue();
        assertThat(copy.name()).isEqualTo("runs");
        assertThat(copy.project()).isEqualTo(to.id());
        assertThat(copy.parent()).isEqualTo(to.rootFolder());
        JobResult unknown = done.result().get(1);
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.error().status()).isEqualTo(404);
        assertThatThrownBy(unknown::orThrow).isInstanceOf(NotFoundException.class);

        assertThat(done.progress()).as("runs/, r1/, r2/ and their three files; the unknown item counts one, failed")
                .isEqualTo(new JobProgress(7, 6, 1));
        assertThat(seen).as("told at once and after every look").isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(done.progress());
        assertThat(seen).extracting(JobProgress::doneFiles).isSorted();

        RemoteFile a = sv.tree().resolve(RemotePath.parse(to.id() + "/runs/r1/a.fq"));
        assertThat(a.metadata()).isEqualTo(Map.of("sample_id", "S1"));
        assertThat(a.tags()).containsExactly("wgs");
        assertThat(names(copy)).containsExactly("r1", "r2");
        assertThat(names(runs)).as("the source stays").containsExactly("r1", "r2");

        assertThat(sv.jobs().get(JobType.COPY, done.id()).result()).isEqualTo(done.result());
        assertThatThrownBy(() -> sv.jobs().get(JobType.MOVE, done.id())).as("a job of another type")
                .isInstanceOf(NotFoundException.class);

        FileJob again = sv.jobs().wait(sv.jobs().copy(List.of(JobItem.intoFolder(runs.id(), to.rootFolder()))));
        assertThat(again.result().get(0).orThrow().name()).as("runs is taken there").isEqualTo("_1_runs");
    }

    @Test
    void aFolderMovesAcrossProjectsKeepingItsFilesIdsAndIsDeletedWithEverythingInIt() throws Exception {
        Project from = sv.projects().create("Jobs move source");
        Project to = sv.projects().create("Jobs move target");
        RemoteFile runs = runs(from);
        RemoteFile a = sv.tree().resolve(RemotePath.parse(from.id() + "/runs/r1/a.fq"));

        JobItem item = JobItem.intoProject(runs.id(), to.id()).named("old-runs");
        FileJob moved = sv.jobs().wait(sv.jobs().move(List.of(item)));
        RemoteFile folder = moved.result().get(0).orThrow();
        assertThat(folder.id()).isEqualTo(runs.id());
        assertThat(folder.name()).isEqualTo("old-runs");
        assertThat(sv.tree().find(RemotePath.parse(from.id() + "/runs"))).isEmpty();
        assertThat(sv.tree().resolve(RemotePath.parse(to.id() + "/old-runs/r1/a.fq")).id()).isEqualTo(a.id());

        FileJob deleted = sv.jobs().wait(sv.jobs().delete(List.of(folder.id(), UNKNOWN)));
        assertThat(deleted.type()).isEqualTo(JobType.DELETE);
        assertThat(deleted.result().get(0).ok()).isTrue();
        assertThat(deleted.result().get(1).error().toException()).isInstanceOf(NotFoundException.class);
        assertThat(sv.tree().find(RemotePath.parse(to.id() + "/old-runs"))).isEmpty();
        assertThatThrownBy(() -> sv.tree().get(a.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSelectionOfMoreThanAHundredItemsRunsAsSeveralJobsWithTheirProgressAddedUp() throws Exception {
        Project p = sv.projects().create("Jobs many");
        RemoteFile folder = sv.tree().mkdirs(RemotePath.parse(p.id() + "/many"));
        RemoteFile original = upload(folder, "x.txt", "x", UploadOptions.defaults());
        List<JobItem> items = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            items.add(JobItem.delete(sv.tree().copy(original.id(), folder.id(), "x" + i + ".txt").id()));
        }
        List<JobProgress> seen = Collections.synchronizedList(new ArrayList<>());

        List<JobResult> results = sv.jobs().run(JobType.DELETE, items, seen::add);

        assertThat(results).hasSize(150).allMatch(JobResult::ok);
        assertThat(results.get(149).resource().name()).as("in the items' order").isEqualTo("x150.txt");
        assertThat(names(folder)).containsExactly("x.txt");
        assertThat(seen.get(seen.size() - 1)).as("two jobs' counts added up").isEqualTo(new JobProgress(150, 150, 0));
        List<FileJob> newest = sv.jobs().list().stream().limit(2).toList();
        assertThat(newest).extracting(FileJob::type).containsOnly(JobType.DELETE);
        assertThat(newest).extracting(j -> sv.jobs().refresh(j).result().size()).containsExactlyInAnyOrder(100, 50);
    }

    @Test
    void aJobTheServerRefusesGivesEachOfItsItemsTheError() throws Exception {
        Project p = sv.projects().create("Jobs refused");
        RemoteFile folder = sv.tree().mkdirs(RemotePath.parse(p.id() + "/kept"));
        List<JobItem> items = IntStream.range(0, 150).mapToObj(i -> JobItem.delete(folder.id())).toList();
        String projectsOnly = sv.tokens().create(List.of("projects"), null, "no files scope").token();
        List<JobProgress> seen = new ArrayList<>();

        List<JobResult> results;
        try (SeqVault limited = SeqVault.connect(server.url(), projectsOnly)) {
            results = limited.jobs().run(JobType.DELETE, items, seen::add);
        }

        assertThat(results).as("both jobs refused: the token lacks the files scope").hasSize(150)
                .allSatisfy(r -> assertThat(r.error().toException()).isInstanceOf(ForbiddenException.class));
        assertThat(seen).as("nothing ran").isEmpty();
        assertThat(sv.tree().get(folder.id()).name()).isEqualTo("kept");
    }

    @Test
    void itemsAreCheckedBeforeAnythingIsSent() {
        List<JobItem> tooMany = IntStream.range(0, 101).mapToObj(i -> JobItem.delete(UNKNOWN)).toList();
        assertThatThrownBy(() -> sv.jobs().submit(JobType.DELETE, tooMany))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 100 items, not 101");
        assertThatThrownBy(() -> sv.jobs().copy(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sv.jobs().copy(List.of(JobItem.delete(UNKNOWN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a destination");
        assertThatThrownBy(() -> sv.jobs().move(List.of(new JobItem(UNKNOWN, UNKNOWN, "jon/x", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> sv.jobs().submit(JobType.DELETE, List.of(JobItem.intoFolder(UNKNOWN, UNKNOWN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names only the file");
        assertThatThrownBy(() -> sv.jobs().run(JobType.DELETE, List.of(JobItem.delete(" ")), p -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
