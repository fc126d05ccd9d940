-- Trashed files count in their project's usage until they are purged (issue: "Trash counts until
-- purged"). A delete moves a file's row from nodes to trashed_nodes, a restore moves it back: with
-- these triggers beside V8_1's on nodes (and V8_1's functions, which read only project_id, size and
-- is_folder) each move leaves the counts as they were, and a purge (or a project's deletion) takes
-- the file off. Then the files already in a trash are added, once.

CREATE TRIGGER trashed_nodes_added_to_storage AFTER INSERT ON trashed_nodes REFERENCING NEW TABLE AS added_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION project_storage_add_nodes();

CREATE TRIGGER trashed_nodes_removed_from_storage AFTER DELETE ON trashed_nodes REFERENCING OLD TABLE AS removed_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION project_storage_remove_nodes();

UPDATE project_storage s SET used_bytes = s.used_bytes + t.bytes, used_files = s.used_files + t.files
FROM (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM trashed_nodes WHERE is_folder = 0
      GROUP BY project_id) t
WHERE s.project_id = t.project_id;
