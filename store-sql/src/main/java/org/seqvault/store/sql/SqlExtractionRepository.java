package org.seqvault.store.sql;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.seqvault.service.extract.ExtractionStatus;
import org.seqvault.service.port.ExtractionRepository;

final class SqlExtractionRepository implements ExtractionRepository {
    private static final String PENDING = "PENDING";
    private static final String RUNNING = "RUNNING";
    private static final String DONE = "DONE";
    /** Ids per IN list: a page of files is at most a few hundred. */
    private static final int IN_BATCH = 500;

    private final Handle handle;

    SqlExtractionRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void enqueue(String fileId, Instant now) {
        handle.createUpdate("""
                        INSERT INTO header_extractions (file_id, state, attempts, next_try_at, updated_at)
                        VALUES (:id, 'PENDING', 0, :now, :now)
                        ON CONFLICT (file_id) DO UPDATE SET state = 'PENDING', attempts = 0,
                            next_try_at = excluded.next_try_at, status = NULL, updated_at = excluded.updated_at""")
                .bind("id", fileId)
                .bind("now", Micros.of(now))
                .execute();
    }

    @Override
    public int enqueueAll(String projectId, List<String> suffixes, Instant now) {
        StringJoiner names = new StringJoiner(" OR ", "(", ")");
        for (int i = 0; i < suffixes.size(); i++) {
            names.add("lower(name) LIKE :suffix" + i);
        }
        Update update = handle.createUpdate("""
                INSERT INTO header_extractions (file_id, state, attempts, next_try_at, updated_at)
                SELECT id, 'PENDING', 0, :now, :now FROM nodes
                WHERE is_folder = 0 AND blob_id IS NOT NULL AND %s%s
                ON CONFLICT (file_id) DO UPDATE SET state = 'PENDING', attempts = 0,
                    next_try_at = excluded.next_try_at, status = NULL, updated_at = excluded.updated_at"""
                .formatted(names, projectId == null ? "" : " AND project_id = :project"));
        for (int i = 0; i < suffixes.size(); i++) {
            update.bind("suffix" + i, "%" + suffixes.get(i));
        }
        if (projectId != null) {
            update.bind("project", projectId);
        }
        return update.bind("now", Micros.of(now)).execute();
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return handle.createQuery("""
                        SELECT file_id, state, attempts, next_try_at FROM header_extractions
                        WHERE state IN ('PENDING', 'RUNNING') AND next_try_at <= :now
                        ORDER BY next_try_at LIMIT :limit""")
                .bind("now", Micros.of(now))
                .bind("limit", limit)
                .map((rs, ctx) -> new Due(Columns.text(rs, "file_id"), Columns.text(rs, "state"), rs.getInt("attempts"),
                        Micros.toInstant(rs.getLong("next_try_at"))))
                .list();
    }

    @Override
    public boolean claim(Due row, Instant leaseUntil) {
        return handle.createUpdate("""
                        UPDATE header_extractions SET state = 'RUNNING', next_try_at = :lease
                        WHERE file_id = :id AND state = :state AND next_try_at = :seen""")
                .bind("lease", Micros.of(leaseUntil))
                .bind("id", row.fileId())
                .bind("state", row.state())
                .bind("seen", Micros.of(row.nextTryAt()))
                .execute() == 1;
    }

    @Override
    public boolean finish(String fileId, Instant lease, String status, List<String> keys, Instant now) {
        return handle.createUpdate("""
                        UPDATE header_extractions SET state = 'DONE', status = :status, extracted_keys = :keys,
                            updated_at = :now
                        WHERE file_id = :id AND state = 'RUNNING' AND next_try_at = :lease""")
                .bind("status", status)
                .bind("keys", keys.isEmpty() ? null : String.join("\n", keys))
                .bind("now", Micros.of(now))
                .bind("id", fileId)
                .bind("lease", Micros.of(lease))
                .execute() == 1;
    }

    @Override
    public boolean retryLater(String fileId, Instant lease, Instant nextTry, String reason, Instant now) {
        return handle.createUpdate("""
                        UPDATE header_extractions SET state = 'PENDING', attempts = attempts + 1, next_try_at = :next,
                            status = :status, updated_at = :now
                        WHERE file_id = :id AND state = 'RUNNING' AND next_try_at = :lease""")
                .bind("next", Micros.of(nextTry))
                .bind("status", "retrying: " + reason)
                .bind("now", Micros.of(now))
                .bind("id", fileId)
                .bind("lease", Micros.of(lease))
                .execute() == 1;
    }

    @Override
    public List<String> extractedKeys(String fileId) {
        return handle.createQuery("SELECT extracted_keys FROM header_extractions WHERE file_id = :id")
                .bind("id", fileId)
                .mapTo(String.class)
                .findFirst()
                .map(SqlExtractionRepository::keys)
                .orElse(List.of());
    }

    @Override
    public Map<String, ExtractionStatus> statuses(Collection<String> fileIds) {
        Map<String, ExtractionStatus> found = new LinkedHashMap<>();
        List<String> ids = List.copyOf(fileIds);
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IN_BATCH));
            StringJoiner params = new StringJoiner(", ",
                    "SELECT file_id, state, status, extracted_keys FROM header_extractions WHERE file_id IN (", ")");
            for (int i = 0; i < batch.size(); i++) {
                params.add(":id" + i);
            }
            Query query = handle.createQuery(params.toString());
            for (int i = 0; i < batch.size(); i++) {
                query.bind("id" + i, batch.get(i));
            }
            query.map((rs, ctx) -> {
                String state = Columns.text(rs, "state");
                String status = Columns.text(rs, "status");
                String shown = DONE.equals(state) ? status : status == null ? ExtractionStatus.PENDING : status;
                return new Row(Columns.text(rs, "file_id"),
                        new ExtractionStatus(shown, keys(Columns.text(rs, "extracted_keys"))));
            }).forEach(r -> found.put(r.fileId(), r.status()));
        }
        return found;
    }

    private record Row(String fileId, ExtractionStatus status) {
    }

    @Override
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : List.of(PENDING, RUNNING, DONE)) {
            counts.put(state.toLowerCase(java.util.Locale.ROOT), 0L);
        }
        handle.createQuery("SELECT state, COUNT(*) AS n FROM header_extractions GROUP BY state")
                .map((rs, ctx) -> counts.put(Columns.text(rs, "state").toLowerCase(java.util.Locale.ROOT), rs.getLong("n")))
                .list();
        return counts;
    }

    private static List<String> keys(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }
}
