-- Async file jobs (/v2/async/files/{copy,move,delete}; docs/architecture.md, "Async jobs"). A job is
-- its row and its items, inserted in the one transaction that answers the POST; a runner of any replica
-- then claims it (lease_owner + lease_expires_at, a compare-and-set) and works through it in batches,
-- each batch's transaction recording its own progress, so a job killed mid-way resumes where its last
-- commit left it and finishes exactly once.

-- state: SUBMITTED, RESOLVING, RUNNING or FINISHED. total_files, completed_files and failed_files count
-- nodes (files and folders, a folder's contents included). token_id and request_id say on whose behalf and
-- from which request the job runs (its audit records name them).
CREATE TABLE file_jobs (
    id                TEXT ${bytewise} PRIMARY KEY,
    user_id           TEXT ${bytewise} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_id          TEXT ${bytewise} NOT NULL,
    request_id        TEXT,
    client_address    TEXT,
    job_type          TEXT ${bytewise} NOT NULL,
    state             TEXT ${bytewise} NOT NULL,
    total_files       BIGINT NOT NULL,
    completed_files   BIGINT NOT NULL,
    failed_files      BIGINT NOT NULL,
    submitted_at      BIGINT NOT NULL,
    started_at        BIGINT,
    finished_at       BIGINT,
    lease_owner       TEXT,
    lease_expires_at  BIGINT NOT NULL
);
-- A user's jobs, newest first.
CREATE INDEX file_jobs_by_user ON file_jobs (user_id, submitted_at, id);
-- What the runners poll for (unfinished jobs) and what the collector prunes (finished ones, oldest first).
CREATE INDEX file_jobs_by_state ON file_jobs (state, finished_at);

-- One row per item of the request, in its order (position from 0). target_parent_id or target_project
-- (owner/slug) name where a copy or move goes; name is the new name asked for (null: the source's).
-- state: PENDING, RUNNING (a folder's copy under way), DONE or FAILED. total is what the item touches
-- (resolved when the job starts), done how much of it is done. result_id is the resulting node (the copy,
-- the moved or the deleted node); problem and message say why an item failed.
-- result_name, result_folder and result_parent keep what a deleted node was, for the job's answer.
CREATE TABLE file_job_items (
    job_id            TEXT ${bytewise} NOT NULL REFERENCES file_jobs (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    source_id         TEXT ${bytewise},
    target_parent_id  TEXT ${bytewise},
    target_project    TEXT ${bytewise},
    name              TEXT,
    state             TEXT ${bytewise} NOT NULL,
    total             BIGINT NOT NULL,
    done              BIGINT NOT NULL,
    result_id         TEXT ${bytewise},
    result_name       TEXT,
    result_folder     INTEGER,
    result_parent     TEXT ${bytewise},
    result_project    TEXT ${bytewise},
    problem           TEXT,
    message           TEXT,
    PRIMARY KEY (job_id, position)
);

-- The work queue of a folder's copy: each source folder whose children are still to be copied, with its
-- copy and a keyset cursor (is_folder, name, id) over its children, in the nodes_listing order. A batch
-- copies the next children of the first folder queued (seq order: breadth first), queues the child
-- folders it copied, moves the cursor, and deletes the row once the folder is done, all in its own
-- transaction.
CREATE TABLE file_job_folders (
    job_id         TEXT ${bytewise} NOT NULL REFERENCES file_jobs (id) ON DELETE CASCADE,
    seq            BIGINT NOT NULL,
    position       INTEGER NOT NULL,
    source_id      TEXT ${bytewise} NOT NULL,
    copy_id        TEXT ${bytewise} NOT NULL,
    after_folder   INTEGER,
    after_name     TEXT ${bytewise},
    after_id       TEXT ${bytewise},
    PRIMARY KEY (job_id, seq)
);
