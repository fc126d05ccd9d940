package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.AuditRecord;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.port.AuditRepository;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.support.RandomIds;

/** Pruning deletes the records past the retention a batch per transaction, until none is left. */
class AuditTrailPruneTest {
    private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void prunesInBatchesOfItsOwnTransactionUntilNoneIsLeft() {
        try (SqlMetadataStore sqlite = SqlMetadataStore.open("jdbc:sqlite:" + dir.resolve("a.db"), null, null)) {
            CountingStore store = new CountingStore(sqlite);
            store.write(tx -> {
                for (int i = 0; i < 5; i++) {
                    tx.audit().insert(record("aud_old" + i, NOW.minus(Duration.ofDays(40)).plusSeconds(i)));
                }
                tx.audit().insert(record("aud_new", NOW.minus(Duration.ofDays(10))));
                return null;
            });
            store.writes.set(0);

            AuditTrail trail = new AuditTrail(store, () -> NOW, new RandomIds(), 2);
            assertThat(trail.prune(Duration.ofDays(30))).isEqualTo(5);
            assertThat(store.writes.get()).as("batches of 2, 2 and 1").isEqualTo(3);
            List<AuditRecord> left = store.read(tx -> tx.audit().query(AuditRepository.Query.ALL, null, 10));
            assertThat(left).extracting(AuditRecord::id).containsExactly("aud_new");
        }
    }

    private static AuditRecord record(String id, Instant at) {
        return new AuditRecord(id, at, "file.delete", "ok", null, "usr_a", "alice", "tok_a", "req_a", "127.0.0.1",
                "ws_a", "alice/a", "f", "x.vcf", null);
    }

    /** The real store, counting its write transactions. */
    private static final class CountingStore implements MetadataStore {
        private final MetadataStore store;
        final AtomicInteger writes = new AtomicInteger();

        CountingStore(MetadataStore store) {
            this.store = store;
        }

        @Override
        public <T> T read(Function<Tx, T> work) {
            return store.read(work);
        }

        @Override
        public <T> T write(Function<Tx, T> work) {
            writes.incrementAndGet();
            return store.write(work);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
