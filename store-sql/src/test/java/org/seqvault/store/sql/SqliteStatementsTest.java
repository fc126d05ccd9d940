package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.User;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.NodeRepository;

/**
 * The statements hot paths run on SQLite, recorded as the driver gets them: every upload looks up
 * the folder it lands in and records its parts, so a statement too many there is paid per file.
 */
class SqliteStatementsTest {
    private final StatementRecorder recorder = new StatementRecorder();
    private Jdbi jdbi;
    private Project project;
    private Node folder;
    private Node file;
    private UploadSession upload;

    @BeforeEach
    void seed(@TempDir Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("seqvault.db");
        User owner = TestData.user("owner");
        project = TestData.project(owner, "p", false);
        Node root = TestData.root(project);
        folder = TestData.folder(root, "runs");
        file = TestData.file(folder, "a.vcf", Map.of("sample_id", "S1"), List.of("qc-pass"), null);
        upload = TestData.upload(owner, project, TestData.T0, TestData.T0.plusSeconds(3600));
        try (MetadataStore store = SqlMetadataStore.open(url, null, null)) {
            store.write(tx -> {
                tx.users().insert(owner);
                tx.projects().insert(project);
                tx.nodes().insert(root);
                tx.projects().putMember(project.id(), owner.id(), Permissions.ALL);
                tx.nodes().insert(folder);
                tx.nodes().insert(file);
                tx.uploads().insert(upload);
                return null;
            });
        }
        jdbi = Jdbi.create(() -> DriverManager.getConnection(url)).setTemplateEngine(TemplateEngine.NOP);
        jdbi.addCustomizer(recorder);
    }

    @Test
    void aFolderIsReadWithoutAskingForMetadataOrTags() {
        List<String> byId = recorded(tx -> assertThat(tx.nodes().byId(folder.id())).contains(folder));
        List<String> byName = recorded(tx -> assertThat(tx.nodes().child(folder.parentId(), "runs")).contains(folder));

        assertThat(byId).hasSize(1);
        assertThat(byName).hasSize(1);
    }

    @Test
    void aFileIsReadWithItsMetadataAndTagsInOneMoreStatement() {
        List<String> byId = recorded(tx -> assertThat(tx.nodes().byId(file.id())).contains(file));

        assertThat(byId).hasSize(2);
        assertThat(byId.get(1)).contains("node_metadata", "node_tags");
    }

    @Test
    void aNodeIsReadWithItsProjectInOneStatement() {
        List<String> aFolder = recorded(tx -> assertThat(tx.nodes().byIdInProject(folder.id()))
                .contains(new NodeRepository.InProject(folder, project)));
        List<String> aFile = recorded(tx -> assertThat(tx.nodes().byIdInProject(file.id()))
                .contains(new NodeRepository.InProject(file, project)));

        assertThat(aFolder).hasSize(1);
        assertThat(aFile).hasSize(2);
        assertThat(aFile.get(1)).contains("node_metadata", "node_tags");
    }

    @Test
    void aPageOfFilesReadsTheirMetadataAndTagsInOneMoreStatement() {
        List<String> page = recorded(tx -> assertThat(tx.nodes().byIds(List.of(file.id(), folder.id())))
                .containsExactlyInAnyOrder(file, folder));

        assertThat(page).hasSize(2);
        assertThat(page.get(1)).contains("node_metadata", "node_tags");
    }

    @Test
    void recordingAPartTakesNoRowLock() {
        List<String> put = recorded(tx -> tx.uploads().putPart(TestData.part(upload.id(), 1, "part-1")));

        assertThat(put).noneMatch(sql -> sql.contains("SELECT id FROM uploads"));
        assertThat(put).hasSize(2);
    }

    private List<String> recorded(Consumer<MetadataStore.Tx> work) {
        return jdbi.inTransaction(handle -> {
            recorder.drain();
            work.accept(new SqlTx(handle, Dialect.SQLITE));
            return recorder.drain();
        });
    }
}
