package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.FileJobItem;
import org.seqvault.domain.Node;
import org.seqvault.domain.Problem;
import org.seqvault.service.port.JobRepository;
import org.seqvault.service.port.NodeRepository.NodeCursor;

/** Async file jobs (migration V11). */
final class SqlJobRepository implements JobRepository {
    private static final String JOB_COLUMNS = "id, user_id, token_id, request_id, client_address, job_type, state,"
            + " total_files, completed_files, failed_files, submitted_at, started_at, finished_at";
    private static final String ITEM_COLUMNS = "position, source_id, target_parent_id, target_project, name, state,"
            + " total, done, result_id, result_name, result_folder, result_parent, result_project, problem, message";
    private static final String FINISHED = "'" + FileJob.State.FINISHED.name() + "'";
    private static final RowMapper<FileJob> JOBS = SqlJobRepository::job;
    private static final RowMapper<FileJobItem> ITEMS = SqlJobRepository::item;

    private final Handle handle;

    SqlJobRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(FileJob job, List<FileJobItem> items) {
        handle.createUpdate("INSERT INTO file_jobs (" + JOB_COLUMNS + ", lease_owner, lease_expires_at) VALUES (:id,"
                        + " :userId, :tokenId, :requestId, :clientAddress, :type, :state, :total, :completed, :failed,"
                        + " :submittedAt, :startedAt, :finishedAt, NULL, 0)")
                .bind("id", job.id())
                .bind("userId", job.userId())
                .bind("tokenId", job.tokenId())
                .bind("requestId", job.requestId())
                .bind("clientAddress", job.clientAddress())
                .bind("type", job.type().name())
                .bind("state", job.state().name())
                .bind("total", job.totalFiles())
                .bind("completed", job.completedFiles())
                .bind("failed", job.failedFiles())
                .bind("submittedAt", Micros.of(job.submittedAt()))
                .bind("startedAt", Micros.of(job.startedAt()))
                .bind("finishedAt", Micros.of(job.finishedAt()))
                .execute();
        var batch = handle.prepareBatch("INSERT INTO file_job_items (job_id, " + ITEM_COLUMNS + ") VALUES (:jobId,"
                + " :position, :sourceId, :targetParentId, :targetProject, :name, :state, :total, :done, :resultId,"
                + " :resultName, :resultFolder, :resultParent, :resultProject, :problem, :message)");
        for (FileJobItem item : items) {
            bindItem(batch.bind("jobId", job.id()), item);
            batch.add();
        }
        if (!items.isEmpty()) {
            batch.execute();
        }
    }

    @Override
    public Optional<FileJob> byId(String id) {
        return handle.createQuery("SELECT " + JOB_COLUMNS + " FROM file_jobs WHERE id = :id")
                .bind("id", id).map(JOBS).findOne();
    }

    @Override
    public List<FileJobItem> items(String jobId) {
        return handle.createQuery("SELECT " + ITEM_COLUMNS + " FROM file_job_items WHERE job_id = :jobId ORDER BY position")
                .bind("jobId", jobId).map(ITEMS).list();
    }

    @Override
    public List<FileJob> forUser(String userId, long offset, int limit) {
        return handle.createQuery("SELECT " + JOB_COLUMNS + " FROM file_jobs WHERE user_id = :userId"
                        + " ORDER BY submitted_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("userId", userId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(JOBS)
                .list();
    }

    @Override
    public long countForUser(String userId) {
        return handle.createQuery("SELECT COUNT(*) FROM file_jobs WHERE user_id = :userId")
                .bind("userId", userId).mapTo(Long.class).one();
    }

    @Override
    public List<String> claimable(Instant now, int limit) {
        return handle.createQuery("SELECT id FROM file_jobs WHERE state IN ('SUBMITTED', 'RESOLVING', 'RUNNING')"
                        + " AND lease_expires_at <= :now ORDER BY submitted_at, id LIMIT :limit")
                .bind("now", Micros.of(now))
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /** A compare-and-set: of two runners claiming at once, the database lets exactly one update the row. */
    @Override
    public boolean claim(String id, String owner, Instant now, Instant until) {
        return handle.createUpdate("UPDATE file_jobs SET lease_owner = :owner, lease_expires_at = :until"
                        + " WHERE id = :id AND state <> " + FINISHED + " AND lease_expires_at <= :now")
                .bind("owner", owner)
                .bind("until", Micros.of(until))
                .bind("id", id)
                .bind("now", Micros.of(now))
                .execute() == 1;
    }

    @Override
    public boolean holdLease(String id, String owner, Instant until) {
        return handle.createUpdate("UPDATE file_jobs SET lease_expires_at = :until"
                        + " WHERE id = :id AND lease_owner = :owner AND state <> " + FINISHED)
                .bind("until", Micros.of(until))
                .bind("id", id)
                .bind("owner", owner)
                .execute() == 1;
    }

    @Override
    public void release(String id, String owner) {
        handle.createUpdate("UPDATE file_jobs SET lease_owner = NULL, lease_expires_at = 0"
                        + " WHERE id = :id AND lease_owner = :owner")
                .bind("id", id)
                .bind("owner", owner)
                .execute();
    }

    @Override
    public void update(FileJob job) {
        handle.createUpdate("UPDATE file_jobs SET state = :state, total_files = :total, completed_files = :completed,"
                        + " failed_files = :failed, started_at = :startedAt, finished_at = :finishedAt WHERE id = :id")
                .bind("state", job.state().name())
                .bind("total", job.totalFiles())
                .bind("completed", job.completedFiles())
                .bind("failed", job.failedFiles())
                .bind("startedAt", Micros.of(job.startedAt()))
                .bind("finishedAt", Micros.of(job.finishedAt()))
                .bind("id", job.id())
                .execute();
    }

    @Override
    public void updateItem(String jobId, FileJobItem item) {
        var update = handle.createUpdate("UPDATE file_job_items SET source_id = :sourceId,"
                + " target_parent_id = :targetParentId, target_project = :targetProject, name = :name, state = :state,"
                + " total = :total, done = :done, result_id = :resultId, result_name = :resultName,"
                + " result_folder = :resultFolder, result_parent = :resultParent, result_project = :resultProject,"
                + " problem = :problem, message = :message WHERE job_id = :jobId AND position = :position");
        bindItem(update.bind("jobId", jobId), item);
        update.execute();
    }

    @Override
    public Totals subtree(Node root) {
        SqlFragment sql = Subtree.where(new SqlFragment().sql(
                "SELECT COUNT(*) AS nodes, COALESCE(SUM(1 - is_folder), 0) AS files, COALESCE(SUM(size), 0) AS bytes"
                        + " FROM nodes WHERE "), "", root);
        return handle.createQuery(sql.text()).bindMap(sql.args())
                .map((rs, ctx) -> new Totals(rs.getLong("nodes"), rs.getLong("files"), rs.getLong("bytes"))).one();
    }

    @Override
    public void enqueue(String jobId, int position, String sourceId, String copyId) {
        handle.createUpdate("INSERT INTO file_job_folders (job_id, seq, position, source_id, copy_id)"
                        + " SELECT :jobId, COALESCE(MAX(seq), 0) + 1, :position, :sourceId, :copyId"
                        + " FROM file_job_folders WHERE job_id = :jobId")
                .bind("jobId", jobId)
                .bind("position", position)
                .bind("sourceId", sourceId)
                .bind("copyId", copyId)
                .execute();
    }

    @Override
    public Optional<QueuedFolder> nextQueued(String jobId) {
        return handle.createQuery("SELECT seq, position, source_id, copy_id, after_folder, after_name, after_id"
                        + " FROM file_job_folders WHERE job_id = :jobId ORDER BY seq LIMIT 1")
                .bind("jobId", jobId)
                .map((rs, ctx) -> {
                    String afterId = Columns.text(rs, "after_id");
                    NodeCursor after = afterId == null ? null
                            : new NodeCursor(Columns.flag(rs, "after_folder"), Columns.text(rs, "after_name"), afterId);
                    return new QueuedFolder(rs.getLong("seq"), rs.getInt("position"), Columns.text(rs, "source_id"),
                            Columns.text(rs, "copy_id"), after);
                })
                .findOne();
    }

    @Override
    public void advance(String jobId, long seq, NodeCursor after) {
        handle.createUpdate("UPDATE file_job_folders SET after_folder = :folder, after_name = :name, after_id = :id"
                        + " WHERE job_id = :jobId AND seq = :seq")
                .bind("folder", Columns.flag(after.folder()))
                .bind("name", after.name())
                .bind("id", after.id())
                .bind("jobId", jobId)
                .bind("seq", seq)
                .execute();
    }

    @Override
    public void dequeue(String jobId, long seq) {
        handle.createUpdate("DELETE FROM file_job_folders WHERE job_id = :jobId AND seq = :seq")
                .bind("jobId", jobId).bind("seq", seq).execute();
    }

    @Override
    public void dropQueue(String jobId, int position) {
        handle.createUpdate("DELETE FROM file_job_folders WHERE job_id = :jobId AND position = :position")
                .bind("jobId", jobId).bind("position", position).execute();
    }

    /** Items and queue rows go with their job (ON DELETE CASCADE). */
    @Override
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        List<String> ids = handle.createQuery("SELECT id FROM file_jobs WHERE state = " + FINISHED
                        + " AND finished_at < :cutoff ORDER BY finished_at LIMIT :limit")
                .bind("cutoff", Micros.of(cutoff))
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        SqlFragment delete = new SqlFragment().sql("DELETE FROM file_jobs WHERE id IN ").argList(ids);
        return handle.createUpdate(delete.text()).bindMap(delete.args()).execute();
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> void bindItem(S statement, FileJobItem item) {
        FileJobItem.Deleted deleted = item.deleted();
        statement.bind("position", item.position())
                .bind("sourceId", item.sourceId())
                .bind("targetParentId", item.targetParentId())
                .bind("targetProject", item.targetProject())
                .bind("name", item.name())
                .bind("state", item.state().name())
                .bind("total", item.total())
                .bind("done", item.done())
                .bind("resultId", item.resultId())
                .bind("resultName", deleted == null ? null : deleted.name())
                .bind("resultFolder", deleted == null ? null : Columns.flag(deleted.folder()))
                .bind("resultParent", deleted == null ? null : deleted.parentId())
                .bind("resultProject", deleted == null ? null : deleted.project())
                .bind("problem", item.problem() == null ? null : item.problem().name())
                .bind("message", item.message());
    }

    private static FileJob job(ResultSet rs, StatementContext ctx) throws SQLException {
        return new FileJob(Columns.text(rs, "id"), Columns.text(rs, "user_id"), Columns.text(rs, "token_id"),
                Columns.text(rs, "request_id"), Columns.text(rs, "client_address"),
                FileJob.Type.valueOf(Columns.text(rs, "job_type")), FileJob.State.valueOf(Columns.text(rs, "state")),
                rs.getLong("total_files"), rs.getLong("completed_files"),
                rs.getLong("failed_files"), Columns.instant(rs, "submitted_at"), Columns.instant(rs, "started_at"),
                Columns.instant(rs, "finished_at"));
    }

    private static FileJobItem item(ResultSet rs, StatementContext ctx) throws SQLException {
        String resultName = Columns.text(rs, "result_name");
        FileJobItem.Deleted deleted = resultName == null ? null : new FileJobItem.Deleted(resultName,
                Columns.flag(rs, "result_folder"), Columns.text(rs, "result_parent"), Columns.text(rs, "result_project"));
        String problem = Columns.text(rs, "problem");
        return new FileJobItem(rs.getInt("position"), Columns.text(rs, "source_id"), Columns.text(rs, "target_parent_id"),
                Columns.text(rs, "target_project"), Columns.text(rs, "name"),
                FileJobItem.State.valueOf(Columns.text(rs, "state")),
                rs.getLong("total"), rs.getLong("done"), Columns.text(rs, "result_id"), deleted,
                problem == null ? null : Problem.valueOf(problem), Columns.text(rs, "message"));
    }
}
