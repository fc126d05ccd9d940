-- A large namespace for checking query plans on PostgreSQL (PostgresQueryPlanTest, docs/indexes.md).
-- Run on a migrated, empty database. About 200,000 nodes:
--  * 100 projects ws_0000 … ws_0099, each with a root folder and ten folders dir0 … dir9;
--  * ws_0000's dir0 ("dir-0000-0") is one big folder of 20,000 children, every 100th a folder
--    (a tenth of the table: big, yet not so much of everything that reading it all is the best plan);
--  * 179,000 more files spread over the other projects' folders;
--  * every file: a blob, metadata sample_id (5,000 values), every 4th also library_id (1,000 values),
--    platform (3 values: ILLUMINA on 60% of the files) and experimental_strategy (4 values, 25% each),
--    a tag tag0 … tag99, every 997th also 'qc-failed'; every 10th file an origin task (1,000 tasks);
--  * 1,000 users with 20 tokens each; 5,000 upload sessions with 10 parts each;
--  * 1,000 deleted files in the projects' trash (505 in ws_0042, five in each other project), each with
--    metadata and a tag, holding 1,000 of the 2,000 blobs no file of the namespace points to.
-- The rows are consistent by construction, so the load skips the foreign-key triggers (superuser only).

SET session_replication_role = replica;

INSERT INTO users (id, username, created_at)
SELECT 'usr_' || lpad(u::text, 6, '0'), 'user' || u, 0
FROM generate_series(0, 999) u;

INSERT INTO projects (id, owner, slug, root_folder_id, name, created_by, is_public, created_at, modified_at)
SELECT 'ws_' || lpad(p::text, 4, '0'), 'user' || p, 'project-' || p, 'root-' || lpad(p::text, 4, '0'),
       'Project ' || p, 'usr_' || lpad(p::text, 6, '0'), 0, 0, 0
FROM generate_series(0, 99) p;

INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at, modified_at)
SELECT 'root-' || lpad(p::text, 4, '0'), 'ws_' || lpad(p::text, 4, '0'), NULL, '', 1, '', 0, 0, 0
FROM generate_series(0, 99) p;

INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at, modified_at)
SELECT 'dir-' || lpad(p::text, 4, '0') || '-' || d, 'ws_' || lpad(p::text, 4, '0'), 'root-' || lpad(p::text, 4, '0'),
       'dir' || d, 1, 'dir' || d || '/', 0, 0, 0
FROM generate_series(0, 99) p, generate_series(0, 9) d;

-- 2,000 more blobs than files: the collector's unreferenced ones.
INSERT INTO blobs (id, size, md5, sha256, segments, created_at)
SELECT 'blob-' || lpad(i::text, 7, '0'), 1000, repeat('0', 32), repeat('0', 64), 1, i
FROM generate_series(1, 201000) i;

CREATE TEMPORARY TABLE generated_nodes AS
SELECT i,
       CASE WHEN i <= 20000 THEN 0 ELSE 1 + (i - 20001) % 99 END AS p,
       CASE WHEN i <= 20000 THEN 0 ELSE ((i - 20001) / 99) % 10 END AS d,
       i <= 20000 AND i % 100 = 0 AS folder
FROM generate_series(1, 199000) i;

INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, blob_id, size, md5, sha256, content_type,
                   origin_task, created_at, modified_at)
SELECT lpad(to_hex(i), 24, '0'), 'ws_' || lpad(p::text, 4, '0'), 'dir-' || lpad(p::text, 4, '0') || '-' || d,
       'f' || lpad(i::text, 6, '0'),
       CASE WHEN folder THEN 1 ELSE 0 END,
       'dir' || d || '/f' || lpad(i::text, 6, '0') || CASE WHEN folder THEN '/' ELSE '' END,
       CASE WHEN folder THEN NULL ELSE 'blob-' || lpad(i::text, 7, '0') END,
       CASE WHEN folder THEN 0 ELSE 1000 END,
       CASE WHEN folder THEN NULL ELSE repeat('0', 32) END,
       CASE WHEN folder THEN NULL ELSE repeat('0', 64) END,
       CASE WHEN folder THEN NULL ELSE 'application/octet-stream' END,
       CASE WHEN NOT folder AND i % 10 = 0 THEN 'task-' || (i / 10) % 1000 END,
       i, i
FROM generated_nodes;

-- With the triggers off, the rows' folder (V14) is written here: 'dir-…' of the file's project and folder.
INSERT INTO node_metadata (node_id, meta_key, meta_value, parent_id)
SELECT id, meta_key, meta_value, parent_id FROM (
SELECT i, 'sample_id' AS meta_key, 'S' || (i % 5000) AS meta_value FROM generated_nodes WHERE NOT folder
UNION ALL
SELECT i, 'library_id', 'L' || (i % 1000) FROM generated_nodes WHERE NOT folder AND i % 4 = 1
UNION ALL
SELECT i, 'platform', (ARRAY['ILLUMINA', 'ILLUMINA', 'ILLUMINA', 'PACBIO', 'ONT'])[1 + i % 5]
FROM generated_nodes WHERE NOT folder
UNION ALL
SELECT i, 'experimental_strategy', (ARRAY['WGS', 'WES', 'RNA-Seq', 'ChIP-Seq'])[1 + (i / 5) % 4]
FROM generated_nodes WHERE NOT folder
) m JOIN (SELECT i, lpad(to_hex(i), 24, '0') AS id, 'dir-' || lpad(p::text, 4, '0') || '-' || d AS parent_id
          FROM generated_nodes) g USING (i);

INSERT INTO node_tags (node_id, tag, position, parent_id)
SELECT id, tag, position, parent_id FROM (
SELECT i, 'tag' || (i % 100) AS tag, 0 AS position FROM generated_nodes WHERE NOT folder
UNION ALL
SELECT i, 'qc-failed', 1 FROM generated_nodes WHERE NOT folder AND i % 997 = 0
) t JOIN (SELECT i, lpad(to_hex(i), 24, '0') AS id, 'dir-' || lpad(p::text, 4, '0') || '-' || d AS parent_id
          FROM generated_nodes) g USING (i);

INSERT INTO tokens (id, user_id, secret_hash, scopes, created_at)
SELECT 'tok_' || lpad(t::text, 6, '0'), 'usr_' || lpad((t % 1000)::text, 6, '0'), md5(t::text) || md5((-t)::text),
       'files', t
FROM generate_series(1, 20000) t;

-- Mostly finished sessions, as on a server that has run for a while; every 100th still open.
INSERT INTO uploads (id, user_id, project_id, parent_id, name, size, part_size, part_count, overwrite, state,
                     created_at, expires_at)
SELECT 'up_' || lpad(s::text, 6, '0'), 'usr_' || lpad((s % 1000)::text, 6, '0'), 'ws_' || lpad((s % 100)::text, 4, '0'),
       'root-' || lpad((s % 100)::text, 4, '0'), 'upload-' || s, 10240, 1024, 10, 0,
       CASE WHEN s % 100 = 0 THEN 'OPEN' ELSE 'DONE' END, s, s + 86400
FROM generate_series(1, 5000) s;

INSERT INTO upload_parts (upload_id, part_number, size, etag, locator, received_at)
SELECT 'up_' || lpad(s::text, 6, '0'), n, 1024, md5(s || '-' || n), 'part-' || s || '-' || n, s
FROM generate_series(1, 5000) s, generate_series(1, 10) n;

INSERT INTO trash_items (id, project_id, parent_id, name, is_folder, node_key, files, size, deleted_by, trashed_at,
                         expires_at)
SELECT lpad(to_hex(i), 24, '0'), 'ws_' || lpad(p::text, 4, '0'), 'dir-' || lpad(p::text, 4, '0') || '-1',
       't' || lpad(i::text, 6, '0'), 0, 'dir1/t' || lpad(i::text, 6, '0'), 1, 1000, 'user' || p, i, i + 1000000
FROM generate_series(199001, 200000) i, LATERAL (SELECT CASE WHEN i <= 199500 THEN 42 ELSE i % 100 END AS p) project;

INSERT INTO trashed_nodes (id, item_id, project_id, parent_id, name, is_folder, node_key, blob_id, size, md5, sha256,
                           created_at, modified_at)
SELECT id, id, project_id, parent_id, name, 0, node_key, 'blob-' || lpad(trashed_at::text, 7, '0'), 1000,
       repeat('0', 32), repeat('0', 64), trashed_at, trashed_at
FROM trash_items;

INSERT INTO trashed_node_metadata (node_id, meta_key, meta_value)
SELECT id, 'sample_id', 'S' || (trashed_at % 5000) FROM trash_items;

INSERT INTO trashed_node_tags (node_id, tag, position)
SELECT id, 'tag' || (trashed_at % 100), 0 FROM trash_items;

DROP TABLE generated_nodes;
SET session_replication_role = DEFAULT;

-- The load skipped the triggers that keep project_storage too: its rows are counted as the V8
-- migration counts them on an existing installation.
INSERT INTO project_storage (project_id, used_bytes, used_files)
SELECT p.id, COALESCE(f.bytes, 0), COALESCE(f.files, 0)
FROM projects p
LEFT JOIN (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM nodes WHERE is_folder = 0 GROUP BY project_id) f
       ON f.project_id = p.id;
