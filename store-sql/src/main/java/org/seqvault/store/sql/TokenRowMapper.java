package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.Token;

final class TokenRowMapper implements RowMapper<Token> {
    static final String COLUMNS = "id, user_id, secret_hash, scopes, description, created_at, expires_at, revoked_at";

    /** Scopes are stored as their comma-separated wire names, e.g. "files,projects". */
    static String scopesColumn(Scopes scopes) {
        return String.join(",", scopes.wireNames());
    }

    @Override
    public Token map(ResultSet rs, StatementContext ctx) throws SQLException {
        Scopes scopes = Scopes.parse(Arrays.asList(Columns.text(rs, "scopes").split(",")));
        return new Token(Columns.text(rs, "id"), Columns.text(rs, "user_id"), Columns.text(rs, "secret_hash"), scopes,
                Columns.text(rs, "description"), Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "revoked_at"));
    }
}
