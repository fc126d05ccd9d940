-- The numbers of the last finished scrub (seqvault scrub, which runs as a process of its own), one
-- row replaced by each run, so every replica's GET /metrics can report when blobs were last checked
-- and what was found.
CREATE TABLE scrub_results (
    id             INTEGER PRIMARY KEY,
    finished_at    BIGINT NOT NULL,
    elapsed_ms     BIGINT NOT NULL,
    checked_blobs  BIGINT NOT NULL,
    checked_bytes  BIGINT NOT NULL,
    corrupt        BIGINT NOT NULL,
    missing        BIGINT NOT NULL,
    unreadable     BIGINT NOT NULL
);
