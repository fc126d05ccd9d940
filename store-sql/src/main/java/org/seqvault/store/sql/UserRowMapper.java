package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;

final class UserRowMapper implements RowMapper<User> {
    static final String COLUMNS = "id, username, email, first_name, last_name, created_at";

    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getString("id"), new Username(rs.getString("username")), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), Columns.instant(rs, "created_at"));
    }
}
