package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Username;

final class ProjectRowMapper implements RowMapper<Project> {
    private static final List<String> NAMES = List.of("id", "owner", "slug", "root_folder_id", "name", "description",
            "created_by", "is_public", "created_at", "modified_at");
    /** Qualified, because readable-project queries join members. */
    static final String COLUMNS = NAMES.stream().map(n -> "p." + n).collect(Collectors.joining(", "));
    /** The columns named {@code p_<column>}, for a row that joins another table with the same column names. */
    static final String PREFIXED_COLUMNS = NAMES.stream().map(n -> "p." + n + " AS p_" + n)
            .collect(Collectors.joining(", "));

    private final String prefix;

    ProjectRowMapper() {
        this("");
    }

    private ProjectRowMapper(String prefix) {
        this.prefix = prefix;
    }

    /** Reads the columns as {@link #PREFIXED_COLUMNS} names them. */
    static ProjectRowMapper prefixed() {
        return new ProjectRowMapper("p_");
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
