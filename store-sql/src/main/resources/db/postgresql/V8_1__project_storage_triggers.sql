-- PostgreSQL's half of V8 (SQLite's is db/sqlite/V8_1): the triggers that keep
-- project_storage.used_bytes and used_files equal to the project's file rows, then the counts of the
-- rows already there. Creating a trigger locks its table against writes until this migration's
-- transaction commits, so rows written meanwhile by replicas of the previous version (docs/deploy.md,
-- rolling upgrade) wait for it and are then counted by the trigger: none is counted twice or missed.

CREATE FUNCTION project_storage_for_new_project() RETURNS trigger AS $$
BEGIN
    INSERT INTO project_storage (project_id, used_bytes, used_files) VALUES (NEW.id, 0, 0)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER projects_have_storage AFTER INSERT ON projects
    FOR EACH ROW EXECUTE FUNCTION project_storage_for_new_project();

-- Once per statement, from its transition table: a row trigger would update a project's row once
-- per file, and PostgreSQL keeps every version of a row updated many times in one transaction, so
-- deleting 100,000 files of one project in one statement took 133 s instead of 2 (docs/indexes.md).
CREATE FUNCTION project_storage_add_nodes() RETURNS trigger AS $$
BEGIN
    UPDATE project_storage s SET used_bytes = s.used_bytes + a.bytes, used_files = s.used_files + a.files
    FROM (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM added_nodes WHERE is_folder = 0
          GROUP BY project_id) a
    WHERE s.project_id = a.project_id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION project_storage_remove_nodes() RETURNS trigger AS $$
BEGIN
    UPDATE project_storage s SET used_bytes = s.used_bytes - r.bytes, used_files = s.used_files - r.files
    FROM (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM removed_nodes WHERE is_folder = 0
          GROUP BY project_id) r
    WHERE s.project_id = r.project_id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER nodes_added_to_storage AFTER INSERT ON nodes REFERENCING NEW TABLE AS added_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION project_storage_add_nodes();

CREATE TRIGGER nodes_removed_from_storage AFTER DELETE ON nodes REFERENCING OLD TABLE AS removed_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION project_storage_remove_nodes();

-- No statement changes these columns today (a file's bytes never change, and files move only within
-- their project); this row trigger keeps the counts right should one ever do. (A statement trigger
-- with transition tables cannot name columns, and would then run for every rename and edit.)
CREATE FUNCTION project_storage_follow_changed_node() RETURNS trigger AS $$
BEGIN
    IF OLD.is_folder = 0 THEN
        UPDATE project_storage SET used_bytes = used_bytes - OLD.size, used_files = used_files - 1
        WHERE project_id = OLD.project_id;
    END IF;
    IF NEW.is_folder = 0 THEN
        UPDATE project_storage SET used_bytes = used_bytes + NEW.size, used_files = used_files + 1
        WHERE project_id = NEW.project_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER nodes_changed_in_storage AFTER UPDATE OF project_id, size, is_folder ON nodes
    FOR EACH ROW EXECUTE FUNCTION project_storage_follow_changed_node();

INSERT INTO project_storage (project_id, used_bytes, used_files)
SELECT p.id, COALESCE(f.bytes, 0), COALESCE(f.files, 0)
FROM projects p
LEFT JOIN (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM nodes WHERE is_folder = 0 GROUP BY project_id) f
       ON f.project_id = p.id;
