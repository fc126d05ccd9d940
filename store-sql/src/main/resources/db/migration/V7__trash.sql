-- A project's trash: what a delete took out of the namespace, kept until it is restored, emptied or expires
-- (docs/operations.md, "Trash").
--
-- The trashed rows leave the nodes tables instead of being flagged in them, so every listing, lookup,
-- query, key listing, copy and download link of the namespace stays as it is and cannot see them, and a
-- trashed name never blocks a new file of the same name (the (parent_id, name) index knows only nodes).

-- One row per delete: a file, or a folder with everything that was in it. Its id is the id of the node
-- deleted, which is in the namespace or in the trash, never both. node_key is the v1 key the node had
-- (a folder's ends with '/'), where a restore puts it back. deleted_by is the username of who deleted it.
-- A row whose expires_at is past is no longer listed nor restorable: the collector (or an empty) purges it.
CREATE TABLE trash_items (
    id          TEXT ${bytewise} PRIMARY KEY,
    project_id  TEXT ${bytewise} NOT NULL REFERENCES projects (id),
    parent_id   TEXT ${bytewise},
    name        TEXT ${bytewise} NOT NULL,
    is_folder   INTEGER NOT NULL,
    node_key    TEXT ${bytewise} NOT NULL,
    files       BIGINT NOT NULL,
    size        BIGINT NOT NULL,
    deleted_by  TEXT,
    trashed_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX trash_items_by_project ON trash_items (project_id, trashed_at, id);
CREATE INDEX trash_items_by_key ON trash_items (project_id, node_key);
CREATE INDEX trash_items_by_expiry ON trash_items (expires_at);

-- The trashed nodes themselves, exactly as they were (ids, places, checksums, times), each with the item it
-- belongs to. blob_id keeps its foreign key: the collector cannot reclaim bytes a trashed file points to.
-- parent_id has none: the folder a file was deleted from may be gone since.
CREATE TABLE trashed_nodes (
    id            TEXT ${bytewise} PRIMARY KEY,
    item_id       TEXT ${bytewise} NOT NULL,
    project_id    TEXT ${bytewise} NOT NULL REFERENCES projects (id),
    parent_id     TEXT ${bytewise},
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
    modified_at   BIGINT NOT NULL
);
CREATE INDEX trashed_nodes_by_item ON trashed_nodes (item_id, id);
CREATE INDEX trashed_nodes_by_blob ON trashed_nodes (blob_id);

CREATE TABLE trashed_node_metadata (
    node_id     TEXT ${bytewise} NOT NULL REFERENCES trashed_nodes (id) ON DELETE CASCADE,
    meta_key    TEXT ${bytewise} NOT NULL,
    meta_value  TEXT ${bytewise} NOT NULL,
    PRIMARY KEY (node_id, meta_key)
);

CREATE TABLE trashed_node_tags (
    node_id   TEXT ${bytewise} NOT NULL REFERENCES trashed_nodes (id) ON DELETE CASCADE,
    tag       TEXT ${bytewise} NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (node_id, tag)
);
