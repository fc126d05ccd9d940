-- SQLite's half of V8 (PostgreSQL's is db/postgresql/V8_1): the triggers that keep
-- project_storage.used_bytes and used_files equal to the project's file rows, then the counts of the
-- rows already there. One transaction holding the write lock: no row is counted twice or missed.

CREATE TRIGGER projects_have_storage AFTER INSERT ON projects
BEGIN
    INSERT OR IGNORE INTO project_storage (project_id, used_bytes, used_files) VALUES (NEW.id, 0, 0);
END;

CREATE TRIGGER nodes_added_to_storage AFTER INSERT ON nodes WHEN NEW.is_folder = 0
BEGIN
    UPDATE project_storage SET used_bytes = used_bytes + NEW.size, used_files = used_files + 1
    WHERE project_id = NEW.project_id;
END;

CREATE TRIGGER nodes_removed_from_storage AFTER DELETE ON nodes WHEN OLD.is_folder = 0
BEGIN
    UPDATE project_storage SET used_bytes = used_bytes - OLD.size, used_files = used_files - 1
    WHERE project_id = OLD.project_id;
END;

-- No statement changes these columns today (a file's bytes never change, and files move only within
-- their project); the trigger keeps the counts right should one ever do.
CREATE TRIGGER nodes_changed_in_storage AFTER UPDATE OF project_id, size, is_folder ON nodes
BEGIN
    UPDATE project_storage SET used_bytes = used_bytes - OLD.size, used_files = used_files - 1
    WHERE project_id = OLD.project_id AND OLD.is_folder = 0;
    UPDATE project_storage SET used_bytes = used_bytes + NEW.size, used_files = used_files + 1
    WHERE project_id = NEW.project_id AND NEW.is_folder = 0;
END;

INSERT INTO project_storage (project_id, used_bytes, used_files)
SELECT p.id, COALESCE(f.bytes, 0), COALESCE(f.files, 0)
FROM projects p
LEFT JOIN (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM nodes WHERE is_folder = 0 GROUP BY project_id) f
       ON f.project_id = p.id;
