-- The audit trail: one row per change (or download link handed out), written in the change's own
-- transaction, and one per refused attempt. No foreign keys: a record outlives the user, token,
-- project or file it names, and keeps the names they had then. detail is a small JSON object.
-- Listings go newest first by (at, id), over everything, one project or one user; pruning deletes
-- the oldest by the same (at, id) order.
CREATE TABLE audit_records (
    id              TEXT ${bytewise} PRIMARY KEY,
    at              BIGINT NOT NULL,
    action          TEXT ${bytewise} NOT NULL,
    outcome         TEXT NOT NULL,
    problem         TEXT,
    user_id         TEXT ${bytewise},
    username        TEXT,
    token_id        TEXT,
    request_id      TEXT,
    client_address  TEXT,
    project_id      TEXT ${bytewise},
    project         TEXT,
    target_id       TEXT,
    target          TEXT,
    detail          TEXT
);
CREATE INDEX audit_by_time ON audit_records (at, id);
CREATE INDEX audit_by_project ON audit_records (project_id, at, id);
CREATE INDEX audit_by_user ON audit_records (user_id, at, id);
