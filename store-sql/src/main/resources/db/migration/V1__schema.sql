-- One schema for SQLite and PostgreSQL.
--  * ${bytewise} is COLLATE BINARY on SQLite and COLLATE "C" on PostgreSQL: ids, names and keys
--    compare by their UTF-8 bytes in both, so listings, keyset cursors and prefix ranges agree.
--  * Times are epoch microseconds (BIGINT); flags are 0/1 INTEGERs; every id is a string the
--    application generates, so no sequences are needed.

CREATE TABLE users (
    id          TEXT ${bytewise} PRIMARY KEY,
    username    TEXT ${bytewise} NOT NULL UNIQUE,
    email       TEXT,
    first_name  TEXT,
    last_name   TEXT,
    created_at  BIGINT NOT NULL
);

CREATE TABLE tokens (
    id           TEXT ${bytewise} PRIMARY KEY,
    user_id      TEXT ${bytewise} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash  TEXT ${bytewise} NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    description  TEXT,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX tokens_by_user ON tokens (user_id);

-- root_folder_id has no foreign key: the root folder row itself references the project,
-- so the project row is inserted first.
CREATE TABLE projects (
    id              TEXT ${bytewise} PRIMARY KEY,
    owner           TEXT ${bytewise} NOT NULL,
    slug            TEXT ${bytewise} NOT NULL,
    root_folder_id  TEXT ${bytewise} NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT,
    created_by      TEXT ${bytewise},
    is_public       INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    modified_at     BIGINT NOT NULL,
    UNIQUE (owner, slug)
);

CREATE TABLE members (
    project_id   TEXT ${bytewise} NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id      TEXT ${bytewise} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    can_read     INTEGER NOT NULL,
    can_write    INTEGER NOT NULL,
    can_copy     INTEGER NOT NULL,
    can_execute  INTEGER NOT NULL,
    can_admin    INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE blobs (
    id          TEXT ${bytewise} PRIMARY KEY,
    size        BIGINT NOT NULL,
    md5         TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    segments    INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
);

-- A node's blob must exist and cannot be deleted while referenced: the collector can never
-- reclaim bytes a file still points to, even if its own check raced.
CREATE TABLE nodes (
    id            TEXT ${bytewise} PRIMARY KEY,
    project_id    TEXT ${bytewise} NOT NULL REFERENCES projects (id),
    parent_id     TEXT ${bytewise} REFERENCES nodes (id),
    name          TEXT ${bytewise} NOT NULL,
    is_folder     INTEGER NOT NULL,
    node_key      TEXT ${bytewise} NOT NULL,
    blob_id       TEXT ${bytewise} REFERENCES blobs (id),
    size          BIGINT NOT NULL,
    md5           TEXT,
    sha256        TEXT,
    content_type  TEXT,
    description   TEXT,
    origin_task   TEXT ${bytewise},
    created_at    BIGINT NOT NULL,
    modified_at   BIGINT NOT NULL,
    UNIQUE (parent_id, name)
);
CREATE INDEX nodes_by_key ON nodes (project_id, node_key);
CREATE INDEX nodes_listing ON nodes (parent_id, is_folder DESC, name, id);
CREATE INDEX nodes_by_blob ON nodes (blob_id);

CREATE TABLE node_metadata (
    node_id     TEXT ${bytewise} NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    meta_key    TEXT ${bytewise} NOT NULL,
    meta_value  TEXT ${bytewise} NOT NULL,
    PRIMARY KEY (node_id, meta_key)
);
CREATE INDEX node_metadata_by_value ON node_metadata (meta_key, meta_value, node_id);

CREATE TABLE node_tags (
    node_id   TEXT ${bytewise} NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    tag       TEXT ${bytewise} NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (node_id, tag)
);
CREATE INDEX node_tags_by_tag ON node_tags (tag, node_id);

CREATE TABLE uploads (
    id               TEXT ${bytewise} PRIMARY KEY,
    user_id          TEXT ${bytewise} NOT NULL,
    project_id       TEXT ${bytewise} NOT NULL,
    parent_id        TEXT ${bytewise},
    folder_path      TEXT,
    name             TEXT NOT NULL,
    size             BIGINT NOT NULL,
    part_size        BIGINT NOT NULL,
    part_count       INTEGER NOT NULL,
    overwrite        INTEGER NOT NULL,
    state            TEXT ${bytewise} NOT NULL,
    content_type     TEXT,
    description      TEXT,
    origin_task      TEXT,
    blob_id          TEXT ${bytewise},
    file_id          TEXT ${bytewise},
    store_upload_id  TEXT,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
CREATE INDEX uploads_by_state ON uploads (state, expires_at);
CREATE INDEX uploads_by_user ON uploads (user_id, created_at);

CREATE TABLE upload_parts (
    upload_id    TEXT ${bytewise} NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    part_number  INTEGER NOT NULL,
    size         BIGINT NOT NULL,
    etag         TEXT NOT NULL,
    sha256       TEXT,
    locator      TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);
