-- Files whose headers are to be read for metadata (docs/genomics.md), queued in the transaction that
-- publishes them. PENDING until next_try_at; RUNNING while a worker's lease lasts (next_try_at is its
-- end, after which any replica may claim the row again); DONE with the final status. A file's row goes
-- with the file. extracted_keys: the metadata keys taken from the header, one per line.
CREATE TABLE header_extractions (
    file_id         TEXT ${bytewise} PRIMARY KEY REFERENCES nodes (id) ON DELETE CASCADE,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_try_at     BIGINT NOT NULL,
    status          TEXT,
    extracted_keys  TEXT,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX header_extractions_due ON header_extractions (state, next_try_at);
