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

-- A file row leaving (DELETE, or an UPDATE's old row) is taken off its project; one arriving is
-- added. No statement updates project_id, size or is_folder today; the UPDATE case keeps the counts
-- right should one ever do.
CREATE FUNCTION project_storage_follows_nodes() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.is_folder = 0 THEN
            UPDATE project_storage SET used_bytes = used_bytes - OLD.size, used_files = used_files - 1
            WHERE project_id = OLD.project_id;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.is_folder = 0 THEN
            UPDATE project_storage SET used_bytes = used_bytes + NEW.size, used_files = used_files + 1
            WHERE project_id = NEW.project_id;
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER nodes_counted_in_storage AFTER INSERT OR DELETE OR UPDATE OF project_id, size, is_folder ON nodes
    FOR EACH ROW EXECUTE FUNCTION project_storage_follows_nodes();

INSERT INTO project_storage (project_id, used_bytes, used_files)
SELECT p.id, COALESCE(f.bytes, 0), COALESCE(f.files, 0)
FROM projects p
LEFT JOIN (SELECT project_id, SUM(size) AS bytes, COUNT(*) AS files FROM nodes WHERE is_folder = 0 GROUP BY project_id) f
       ON f.project_id = p.id;
