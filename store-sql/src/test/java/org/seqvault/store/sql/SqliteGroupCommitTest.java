package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.Node;
import org.seqvault.domain.Project;
import org.seqvault.domain.User;
import org.seqvault.service.port.MetadataStore;

/**
 * Group commit on a real SQLite database: many concurrent writers, some of whose work fails after
 * it wrote something. Each failed write must leave nothing behind and every other must be kept,
 * whichever group they shared.
 */
class SqliteGroupCommitTest {
    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 30;

    @Test
    void aFailingWriteTakesBackOnlyItsOwnChanges(@TempDir Path dir) throws Exception {
        try (MetadataStore store = SqlMetadataStore.open("jdbc:sqlite:" + dir.resolve("seqvault.db"), null, null)) {
            User owner = TestData.user("owner");
            Project project = TestData.project(owner, "p", false);
            Node root = TestData.root(project);
            store.write(tx -> {
                tx.users().insert(owner);
                tx.projects().insert(project);
                tx.nodes().insert(root);
                return null;
            });

            List<Future<Node>> writes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writes.add(pool.submit(() -> {
                        Node last = null;
                        for (int i = 0; i < WRITES_EACH; i++) {
                            Node folder = TestData.folder(root, "w" + writer + "-" + i);
                            boolean fails = i % 3 == 2;
                            try {
                                store.write(tx -> {
                                    tx.nodes().insert(folder);
                                    if (fails) {
                                        throw new IllegalStateException("fails after writing " + folder.name());
                                    }
                                    return null;
                                });
                                assertThat(fails).as("%s should have failed", folder.name()).isFalse();
                            } catch (IllegalStateException e) {
                                assertThat(e).hasMessage("fails after writing " + folder.name());
                            }
                            last = folder;
                        }
                        return last;
                    }));
                }
            }
            for (Future<Node> w : writes) {
                w.get();
            }

            List<String> kept = new ArrayList<>(), expected = new ArrayList<>();
            store.read(tx -> {
                for (int w = 0; w < WRITERS; w++) {
                    for (int i = 0; i < WRITES_EACH; i++) {
                        String name = "w" + w + "-" + i;
                        tx.nodes().child(root.id(), name).ifPresent(n -> kept.add(n.name()));
                        if (i % 3 != 2) {
                            expected.add(name);
                        }
                    }
                }
                return null;
            });
            assertThat(kept).containsExactlyElementsOf(expected);
        }
    }
}
