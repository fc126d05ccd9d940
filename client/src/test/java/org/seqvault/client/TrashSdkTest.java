package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestServer;

/** {@link Trash} against the real server: listing across pages, restores by id and by path, emptying. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrashSdkTest {
    @TempDir
    static Path tmp;
    static TestServer server;
    static SeqVault sv;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        sv = SeqVault.connect(server.url(), server.userToken("ida"));
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

    @Test
    void theTrashIsListedAcrossPagesAndAnOlderVersionIsRestoredById() throws Exception {
        Project p = sv.projects().create("Versions");
        Path local = Files.writeString(tmp.resolve("v.txt"), "version zero");
        RemoteFile first = sv.transfers().upload(local, p.rootFolder(), UploadOptions.defaults());
        sv.tree().updateMetadata(first.id(), Map.of("version", "0"));
        sv.tree().delete(first.id());
        RemoteFile later = sv.transfers().upload(Files.writeString(tmp.resolve("later.txt"), "a later version"),
                p.rootFolder(), UploadOptions.defaults());
        for (int i = 1; i <= 100; i++) {
            sv.tree().delete(sv.tree().copy(later.id(), p.rootFolder(), "v.txt").id());
        }

        List<TrashedItem> all = sv.trash().list(p.id()).toList();
        assertThat(all).as("101 deletes of v.txt, over two pages of 100").hasSize(101);
        assertThat(all.get(100).id()).as("the oldest last").isEqualTo(first.id());
        assertThat(sv.trash().list(p.id(), "v.txt").toList()).hasSize(101);

        RemoteFile back = sv.trash().restore(p.id(), first.id());
        assertThat(back.id()).isEqualTo(first.id());
        assertThat(back.metadata()).isEqualTo(Map.of("version", "0"));
        RemoteFile newest = sv.trash().restore(RemotePath.parse(p.id() + "/v.txt"));
        assertThat(newest.id()).isEqualTo(all.get(0).id());
        assertThat(newest.name()).as("v.txt is taken by the first restore").isEqualTo("_1_v.txt");
        assertThat(sv.trash().list(p.id()).toList()).hasSize(99);
    }

    @Test
    void aRecursiveDeleteIsOneItemThatRestoresWholeAndEmptyingIsFinal() throws Exception {
        Project p = sv.projects().create("Folders");
        RemoteFile folder = sv.tree().mkdirs(RemotePath.parse(p.id() + "/runs/r1"));
        sv.transfers().upload(Files.writeString(tmp.resolve("a.fq"), "@a\nACGT\n+\nIIII\n"), folder.id(),
                UploadOptions.defaults());
        sv.transfers().upload(Files.writeString(tmp.resolve("b.fq"), "@b\nTTTT\n+\nIIII\n"), folder.id(),
                UploadOptions.defaults());
        RemoteFile runs = sv.tree().resolve(RemotePath.parse(p.id() + "/runs"));

        sv.tree().deleteRecursively(runs.id());

        List<TrashedItem> items = sv.trash().list(p.id()).toList();
        assertThat(items).hasSize(1);
        TrashedItem item = items.get(0);
        assertThat(item.isFolder()).isTrue();
        assertThat(item.path()).isEqualTo("runs");
        assertThat(item.files()).isEqualTo(2);
        assertThat(item.size()).isEqualTo(30);
        assertThat(item.deletedBy()).isEqualTo("ida");
        assertThat(item.expiresOn()).isAfter(item.deletedOn());

        RemoteFile restored = sv.trash().restore(RemotePath.parse(p.id() + "/runs"));
        assertThat(restored.id()).isEqualTo(runs.id());
        assertThat(sv.tree().list(folder.id()).stream().map(RemoteFile::name)).containsExactly("a.fq", "b.fq");

        sv.tree().deleteRecursively(runs.id());
        EmptiedTrash emptied = sv.trash().empty(p.id());
        assertThat(emptied).isEqualTo(new EmptiedTrash(1, 2, 30));
        assertThat(sv.trash().list(p.id()).toList()).isEmpty();
        assertThatThrownBy(() -> sv.trash().restore(p.id(), runs.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("5002"));
        assertThatThrownBy(() -> sv.trash().restore(RemotePath.parse(p.id() + "/runs")))
                .isInstanceOf(NotFoundException.class);
    }
}
