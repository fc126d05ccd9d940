package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;

final class UserRowMapper implements RowMapper<User> {
    static final String COLUMNS = "id, username, email, first_name, last_name, created_at";
    /** Prepended to every column name: a join selects the user's columns under prefixed aliases. */
    private final String prefix;

    UserRowMapper() {
        this("");
    }

    UserRowMapper(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(Columns.text(rs, prefix + "id"), new Username(Columns.text(rs, prefix + "username")),
                Columns.text(rs, prefix + "email"), Columns.text(rs, prefix + "first_name"),
                Columns.text(rs, prefix + "last_name"), Columns.instant(rs, prefix + "created_at"));
    }
}
