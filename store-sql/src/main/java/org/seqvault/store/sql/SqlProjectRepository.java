package org.seqvault.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectDetails;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Tags;
import org.seqvault.domain.Username;
import org.seqvault.service.port.ProjectFilter;
import org.seqvault.service.port.ProjectRepository;

final class SqlProjectRepository implements ProjectRepository {
    private static final ProjectRowMapper MAPPER = new ProjectRowMapper();
    private static final String SELECT = "SELECT " + ProjectRowMapper.COLUMNS + " FROM projects p";
    /**
     * What a user may read: a membership (the owner has one too) or the public flag. The same
     * rule as the service's authorisation, so a listed project can always be opened.
     */
    private static final String READABLE = " WHERE (p.is_public = 1"
            + " OR EXISTS (SELECT 1 FROM members m WHERE m.project_id = p.id AND m.user_id = :userId))";
    private final Handle handle;
    private final Dialect dialect;

    SqlProjectRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public boolean insert(Project project) {
        return handle.createUpdate("""
                        INSERT INTO projects (id, owner, slug, root_folder_id, name, description, created_by,
                                              is_public, created_at, modified_at)
                        VALUES (:id, :owner, :slug, :rootFolderId, :name, :description, :createdBy, :isPublic,
                                :createdAt, :modifiedAt)
                        ON CONFLICT DO NOTHING""")
                .bind("id", project.id())
                .bind("owner", project.ref().owner().value())
                .bind("slug", project.ref().slug())
                .bind("rootFolderId", project.rootFolderId())
                .bind("name", project.name())
                .bind("description", project.description())
                .bind("createdBy", project.createdBy())
                .bind("isPublic", Columns.flag(project.isPublic()))
                .bind("createdAt", Micros.of(project.createdAt()))
                .bind("modifiedAt", Micros.of(project.modifiedAt()))
                .execute() == 1;
    }

    @Override
    public Optional<Project> byId(String id) {
        return handle.createQuery(SELECT + " WHERE p.id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne();
    }

    /** A row lock on PostgreSQL; SQLite's single writer already runs write transactions one at a time. */
    @Override
    public void lock(String id) {
        if (dialect.locksRows()) {
            handle.createQuery("SELECT id FROM projects WHERE id = :id FOR UPDATE")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne();
        }
    }

    @Override
    public Optional<Project> byRef(ProjectRef ref) {
        return handle.createQuery(SELECT + " WHERE p.owner = :owner AND p.slug = :slug")
                .bind("owner", ref.owner().value())
                .bind("slug", ref.slug())
                .map(MAPPER)
                .findOne();
    }

    @Override
    public boolean slugTaken(Username owner, String slug) {
        return handle.createQuery("SELECT 1 FROM projects WHERE owner = :owner AND slug = :slug")
                .bind("owner", owner.value())
                .bind("slug", slug)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    @Override
    public void update(Project project) {
        handle.createUpdate("""
                        UPDATE projects
                        SET name = :name, description = :description, is_public = :isPublic, modified_at = :modifiedAt
                        WHERE id = :id""")
                .bind("name", project.name())
                .bind("description", project.description())
                .bind("isPublic", Columns.flag(project.isPublic()))
                .bind("modifiedAt", Micros.of(project.modifiedAt()))
                .bind("id", project.id())
                .execute();
    }

    /** Deletes the project with its whole tree and memberships (their metadata and tags cascade). */
    @Override
    public void delete(String id) {
        SqlBlobRepository.noteBlobsOfNodes(handle, "project_id = :id", "id", id);
        handle.createUpdate("DELETE FROM nodes WHERE project_id = :id").bind("id", id).execute();
        SqlTrashRepository.deleteAllOf(handle, id);
        handle.createUpdate("DELETE FROM projects WHERE id = :id").bind("id", id).execute();
    }

    @Override
    public List<Project> listReadable(String userId, ProjectFilter filter, int offset, int limit) {
        SqlFragment sql = readable(new SqlFragment().sql(SELECT), userId, filter)
                .sql(" ORDER BY p.owner, p.slug LIMIT ").arg(limit).sql(" OFFSET ").arg(offset);
        return handle.createQuery(sql.text()).bindMap(sql.args()).map(MAPPER).list();
    }

    @Override
    public long countReadable(String userId, ProjectFilter filter) {
        SqlFragment sql = readable(new SqlFragment().sql("SELECT COUNT(*) FROM projects p"), userId, filter);
        return handle.createQuery(sql.text()).bindMap(sql.args()).mapTo(Long.class).one();
    }

    /** The WHERE clause of the projects {@code userId} can read (all for null) that {@code filter} matches. */
    private static SqlFragment readable(SqlFragment sql, String userId, ProjectFilter filter) {
        sql.sql(" WHERE 1 = 1");
        if (userId != null) {
            sql.sql(" AND (p.is_public = 1 OR EXISTS (SELECT 1 FROM members m WHERE m.project_id = p.id"
                    + " AND m.user_id = ").arg(userId).sql("))");
        }
        if (filter.owner() != null) {
            sql.sql(" AND p.owner = ").arg(filter.owner().value());
        }
        if (filter.name() != null) {
            sql.sql(" AND p.name = ").arg(filter.name());
        }
        for (String tag : filter.tags()) {
            sql.sql(" AND EXISTS (SELECT 1 FROM project_tags t WHERE t.project_id = p.id AND t.tag = ").arg(tag).sql(")");
        }
        return sql;
    }

    @Override
    public Map<String, ProjectDetails> details(List<String> projectIds) {
        Map<String, String> settings = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        for (int from = 0; from < projectIds.size(); from += NodeDetails.CHUNK) {
            List<String> chunk = projectIds.subList(from, Math.min(projectIds.size(), from + NodeDetails.CHUNK));
            SqlFragment sql = new SqlFragment().sql("SELECT id, settings FROM projects WHERE id IN ").argList(chunk);
            handle.createQuery(sql.text()).bindMap(sql.args())
                    .map((rs, ctx) -> Map.entry(Columns.text(rs, "id"), Optional.ofNullable(Columns.text(rs, "settings"))))
                    .forEach(e -> settings.put(e.getKey(), e.getValue().orElse("{}")));
            SqlFragment tagSql = new SqlFragment().sql("SELECT project_id, tag FROM project_tags WHERE project_id IN ")
                    .argList(chunk).sql(" ORDER BY project_id, position");
            handle.createQuery(tagSql.text()).bindMap(tagSql.args())
                    .map((rs, ctx) -> Map.entry(Columns.text(rs, "project_id"), Columns.text(rs, "tag")))
                    .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        Map<String, ProjectDetails> details = new HashMap<>();
        settings.forEach((id, json) -> details.put(id, new ProjectDetails(new Tags(tags.get(id)), json)));
        return details;
    }

    @Override
    public void putDetails(String projectId, ProjectDetails details) {
        handle.createUpdate("UPDATE projects SET settings = :settings WHERE id = :id")
                .bind("settings", details.settingsJson())
                .bind("id", projectId)
                .execute();
        handle.createUpdate("DELETE FROM project_tags WHERE project_id = :id").bind("id", projectId).execute();
        List<String> tags = details.tags().values();
        if (!tags.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO project_tags (project_id, tag, position) VALUES (:projectId, :tag, :position)");
            for (int i = 0; i < tags.size(); i++) {
                batch.bind("projectId", projectId).bind("tag", tags.get(i)).bind("position", i).add();
            }
            batch.execute();
        }
    }

    @Override
    public List<Project> listReadableAfter(String userId, ProjectRef after, int limit) {
        String sql = SELECT + (userId == null ? "" : READABLE);
        if (after != null) {
            // Row-value comparison written out: the (owner, slug) unique index serves it on both databases.
            sql += (userId == null ? " WHERE " : " AND ") + "(p.owner > :owner OR (p.owner = :owner AND p.slug > :slug))";
        }
        Query query = handle.createQuery(sql + " ORDER BY p.owner, p.slug LIMIT :limit").bind("limit", limit);
        if (userId != null) {
            query.bind("userId", userId);
        }
        if (after != null) {
            query.bind("owner", after.owner().value()).bind("slug", after.slug());
        }
        return query.map(MAPPER).list();
    }


    @Override
    public Optional<Permissions> permissions(String projectId, String userId) {
        return handle.createQuery("SELECT " + MemberRowMapper.PERMISSION_COLUMNS
                        + " FROM members WHERE project_id = :projectId AND user_id = :userId")
                .bind("projectId", projectId)
                .bind("userId", userId)
                .map((rs, ctx) -> MemberRowMapper.permissions(rs))
                .findOne();
    }

    @Override
    public List<Member> members(String projectId) {
        return handle.createQuery("SELECT m.project_id, m.user_id, u.username, " + MemberRowMapper.PERMISSION_COLUMNS
                        + " FROM members m JOIN users u ON u.id = m.user_id"
                        + " WHERE m.project_id = :projectId ORDER BY u.username")
                .bind("projectId", projectId)
                .map(new MemberRowMapper())
                .list();
    }

    @Override
    public List<Member> members(String projectId, int offset, int limit) {
        return handle.createQuery("SELECT m.project_id, m.user_id, u.username, " + MemberRowMapper.PERMISSION_COLUMNS
                        + " FROM members m JOIN users u ON u.id = m.user_id"
                        + " WHERE m.project_id = :projectId ORDER BY u.username LIMIT :limit OFFSET :offset")
                .bind("projectId", projectId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(new MemberRowMapper())
                .list();
    }

    @Override
    public long countMembers(String projectId) {
        return handle.createQuery("SELECT COUNT(*) FROM members WHERE project_id = :projectId")
                .bind("projectId", projectId)
                .mapTo(Long.class)
                .one();
    }

    @Override
    public void putMember(String projectId, String userId, Permissions permissions) {
        handle.createUpdate("""
                        INSERT INTO members (project_id, user_id, can_read, can_write, can_copy, can_execute, can_admin)
                        VALUES (:projectId, :userId, :read, :write, :copy, :execute, :admin)
                        ON CONFLICT (project_id, user_id) DO UPDATE SET
                            can_read = excluded.can_read, can_write = excluded.can_write,
                            can_copy = excluded.can_copy, can_execute = excluded.can_execute,
                            can_admin = excluded.can_admin""")
                .bind("projectId", projectId)
                .bind("userId", userId)
                .bind("read", Columns.flag(permissions.read()))
                .bind("write", Columns.flag(permissions.write()))
                .bind("copy", Columns.flag(permissions.copy()))
                .bind("execute", Columns.flag(permissions.execute()))
                .bind("admin", Columns.flag(permissions.admin()))
                .execute();
    }

    @Override
    public boolean deleteMember(String projectId, String userId) {
        return handle.createUpdate("DELETE FROM members WHERE project_id = :projectId AND user_id = :userId")
                .bind("projectId", projectId)
                .bind("userId", userId)
                .execute() == 1;
    }
}
