-- Trashed files count in their project's usage until they are purged (issue: "Trash counts until
-- purged"). A delete moves a file's row from nodes to trashed_nodes, a restore moves it back: with
-- these triggers beside V8_1's on nodes each move leaves the counts as they were, and a purge (or a
-- project's deletion) takes the file off. Then the files already in a trash are added, once.

CREATE TRIGGER trashed_nodes_added_to_storage AFTER INSERT ON trashed_nodes WHEN NEW.is_folder = 0
BEGIN
    UPDATE project_storage SET used_bytes = used_bytes + NEW.size, used_files = used_files + 1
    WHERE project_id = NEW.project_id;
END;

CREATE TRIGGER trashed_nodes_removed_from_storage AFTER DELETE ON trashed_nodes WHEN OLD.is_folder = 0
BEGIN
    UPDATE project_storage SET used_bytes = used_bytes - OLD.size, used_files = used_files - 1
    WHERE project_id = OLD.project_id;
END;

UPDATE project_storage
SET used_bytes = used_bytes + (SELECT COALESCE(SUM(t.size), 0) FROM trashed_nodes t
                               WHERE t.project_id = project_storage.project_id AND t.is_folder = 0),
    used_files = used_files + (SELECT COUNT(*) FROM trashed_nodes t
                               WHERE t.project_id = project_storage.project_id AND t.is_folder = 0);
