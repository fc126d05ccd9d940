package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Username;

/** A membership row joined with the member's username. */
final class MemberRowMapper implements RowMapper<Member> {
    static final String PERMISSION_COLUMNS = "can_read, can_write, can_copy, can_execute, can_admin";

    static Permissions permissions(ResultSet rs) throws SQLException {
        return new Permissions(Columns.flag(rs, "can_read"), Columns.flag(rs, "can_write"),
                Columns.flag(rs, "can_copy"), Columns.flag(rs, "can_execute"), Columns.flag(rs, "can_admin"));
    }

    @Override
    public Member map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Member(Columns.text(rs, "project_id"), Columns.text(rs, "user_id"),
                new Username(Columns.text(rs, "username")), permissions(rs));
    }
}
