package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Username;

final class ProjectRowMapper implements RowMapper<Project> {
    /** Qualified, because readable-project queries join members. */
    static final String COLUMNS = "p.id, p.owner, p.slug, p.root_folder_id, p.name, p.description, p.created_by,"
            + " p.is_public, p.created_at, p.modified_at";

    @Override
    public Project map(ResultSet rs, StatementContext ctx) throws SQLException {
        ProjectRef ref = new ProjectRef(new Username(Columns.text(rs, "owner")), Columns.text(rs, "slug"));
        return new Project(Columns.text(rs, "id"), ref, Columns.text(rs, "root_folder_id"), Columns.text(rs, "name"),
                Columns.text(rs, "description"), Columns.text(rs, "created_by"), Columns.flag(rs, "is_public"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "modified_at"));
    }
}
