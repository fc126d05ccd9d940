package org.seqvault.store.sql;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Records each statement a handle executes exactly as the driver sends it. PostgreSQL's driver
 * renders a prepared statement with its parameters inlined, which is what EXPLAIN needs to plan
 * the same query (a custom plan, as the server makes for the first executions of a statement).
 */
final class StatementRecorder implements StatementCustomizer {
    private final List<String> statements = new ArrayList<>();

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
        statements.add(statement.toString());
    }

    /** The statements recorded since the last call, oldest first. */
    List<String> drain() {
        List<String> drained = List.copyOf(statements);
        statements.clear();
        return drained;
    }
}
