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
    /** The columns named {@code p_<column>}, for a row that joins another table with the same column names. */
    static final String PREFIXED_COLUMNS = "p.id AS p_id, p.owner AS p_owner, p.slug AS p_slug,"
            + " p.root_folder_id AS p_root_folder_id, p.name AS p_name, p.description AS p_description,"
            + " p.created_by AS p_created_by, p.is_public AS p_is_public, p.created_at AS p_created_at,"
            + " p.modified_at AS p_modified_at";

    private final String prefix;

    ProjectRowMapper() {
        this("");
    }

    /** Reads the columns as {@link #PREFIXED_COLUMNS} names them when {@code prefixed}. */
    ProjectRowMapper(boolean prefixed) {
        this(prefixed ? "p_" : "");
    }

    private ProjectRowMapper(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Project map(ResultSet rs, StatementContext ctx) throws SQLException {
        ProjectRef ref = new ProjectRef(new Username(text(rs, "owner")), text(rs, "slug"));
        return new Project(text(rs, "id"), ref, text(rs, "root_folder_id"), text(rs, "name"),
                text(rs, "description"), text(rs, "created_by"), Columns.flag(rs, prefix + "is_public"),
                Columns.instant(rs, prefix + "created_at"), Columns.instant(rs, prefix + "modified_at"));
    }

    private String text(ResultSet rs, String column) throws SQLException {
        return Columns.text(rs, prefix + column);
    }
}
