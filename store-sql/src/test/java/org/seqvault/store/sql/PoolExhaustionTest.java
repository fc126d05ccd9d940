package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Kind;
import org.seqvault.domain.UserException;

/** A connection the pool could not hand out in time is an overload (503), any other connection failure is not. */
class PoolExhaustionTest {
    @Test
    void aPoolTimeoutIsServiceUnavailable() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "seqvault-readers - Connection is not available, request timed out after 30000ms");
        RuntimeException mapped = SqlMetadataStore.busyOr(new ConnectionException(timeout));
        assertThat(mapped).isInstanceOf(UserException.class);
        assertThat(((UserException) mapped).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(mapped.getMessage()).contains("busy").doesNotContain("30000ms");
    }

    @Test
    void aBrokenDatabaseStaysAnInternalError() {
        ConnectionException refused = new ConnectionException(new SQLException("FATAL: password authentication failed"));
        assertThat(SqlMetadataStore.busyOr(refused)).isSameAs(refused);
    }
}
