package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rate-limit counts kept in the database, on both databases. */
class SqlRateLimitStoreTest {
    private static final long WINDOW = 1_000_200;
    private static final long NEXT_WINDOW = WINDOW + 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void countsPerKeyAndWindow(TestDatabase database) {
        try (SqlMetadataStore store = database.create(dir).open()) {
            SqlRateLimitStore limits = new SqlRateLimitStore(store);
            assertThat(limits.add("tok_a", WINDOW, 1)).isEqualTo(1);
            assertThat(limits.add("tok_a", WINDOW, 1)).isEqualTo(2);
            assertThat(limits.add("tok_b", WINDOW, 1)).as("another key").isEqualTo(1);
            assertThat(limits.add("tok_a", WINDOW, 1)).isEqualTo(3);
            assertThat(limits.add("tok_a", NEXT_WINDOW, 1)).as("a new window starts at one").isEqualTo(1);
            assertThat(limits.add("tok_c", WINDOW, 40)).as("a batch of requests").isEqualTo(40);
            assertThat(limits.add("tok_c", WINDOW, 2)).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNewWindowDropsTheOlderOnes(TestDatabase database) {
        try (SqlMetadataStore store = database.create(dir).open()) {
            SqlRateLimitStore limits = new SqlRateLimitStore(store);
            limits.add("tok_a", WINDOW, 1);
            limits.add("tok_a", WINDOW, 1);
            limits.add("tok_a", NEXT_WINDOW, 1);
            assertThat(limits.add("tok_a", WINDOW, 1)).as("a late request for a dropped window counts afresh")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void replicasOnOneDatabaseAddToOneCount(TestDatabase database) {
        TestDatabase.Location db = database.create(dir);
        try (SqlMetadataStore first = db.open();
             SqlMetadataStore second = db.open()) {
            SqlRateLimitStore a = new SqlRateLimitStore(first);
            SqlRateLimitStore b = new SqlRateLimitStore(second);
            for (int i = 1; i <= 10; i += 2) {
                assertThat(a.add("tok_a", WINDOW, 1)).isEqualTo(i);
                assertThat(b.add("tok_a", WINDOW, 1)).isEqualTo(i + 1);
            }
        }
    }
}
