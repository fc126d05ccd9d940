-- Per project: what its files take, and the limits an administrator set (NULL: no limit).
-- used_bytes and used_files count every file row of the project (folders are not counted; a trashed
-- file is still a row, so it counts until it is purged). Triggers on nodes keep them, in the
-- transaction that changes the rows (db/sqlite and db/postgresql, V8_1, which also fill them), so a
-- quota check reads one row instead of summing a project's files, and no code path can forget them.
CREATE TABLE project_storage (
    project_id   TEXT ${bytewise} PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    used_bytes   BIGINT NOT NULL,
    used_files   BIGINT NOT NULL,
    quota_bytes  BIGINT,
    quota_files  BIGINT
);

-- What open uploads reserve in a project (their declared size, one file each) until they end.
-- Partial: sessions are only OPEN or COMPLETING for their lifetime, however many finished ones are kept.
-- IF NOT EXISTS: an operator may build it beforehand with CREATE INDEX CONCURRENTLY (docs/deploy.md).
CREATE INDEX IF NOT EXISTS uploads_unfinished_by_project ON uploads (project_id, size)
    WHERE state IN ('OPEN', 'COMPLETING');
