-- PostgreSQL's V14 (SQLite's is db/sqlite/V14): a file's metadata and tag rows carry its folder
-- (parent_id, kept equal to nodes.parent_id by the triggers below), and the value and tag indexes
-- start with it. A filtered listing is always within one folder (NodeFilter), so its matches are
-- now one range of the index, read in key order, instead of a probe of a project-wide index for
-- every file of the folder (docs/indexes.md; the figures are in bench/FIXES.md, section 22).
--
-- Triggers rather than the statements that write the rows: every writer is covered, including a
-- replica of the previous version during a rolling upgrade (docs/deploy.md), which inserts rows
-- without the column and moves files without knowing of it. The column changes, the triggers and
-- the backfill are one transaction: a row written meanwhile waits for it (the ALTER TABLEs lock
-- both tables) and is then filled by the trigger.

ALTER TABLE node_metadata ADD COLUMN parent_id TEXT ${bytewise};
ALTER TABLE node_tags ADD COLUMN parent_id TEXT ${bytewise};

-- A new row takes its node's folder, whatever the statement inserting it said.
CREATE FUNCTION node_details_take_the_folder() RETURNS trigger AS $$
BEGIN
    NEW.parent_id := (SELECT parent_id FROM nodes WHERE id = NEW.node_id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER node_metadata_in_the_folder BEFORE INSERT ON node_metadata
    FOR EACH ROW EXECUTE FUNCTION node_details_take_the_folder();
CREATE TRIGGER node_tags_in_the_folder BEFORE INSERT ON node_tags
    FOR EACH ROW EXECUTE FUNCTION node_details_take_the_folder();

-- A node that moves to another folder takes its rows along (only the moved node's own: a folder's
-- files keep their parent when the folder moves).
CREATE FUNCTION node_details_follow_the_node() RETURNS trigger AS $$
BEGIN
    UPDATE node_metadata SET parent_id = NEW.parent_id WHERE node_id = NEW.id;
    UPDATE node_tags SET parent_id = NEW.parent_id WHERE node_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER nodes_moved_with_details AFTER UPDATE OF parent_id ON nodes
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION node_details_follow_the_node();

-- The rows already there, before their indexes exist (one write per row, none to an index).
UPDATE node_metadata m SET parent_id = n.parent_id FROM nodes n WHERE n.id = m.node_id;
UPDATE node_tags t SET parent_id = n.parent_id FROM nodes n WHERE n.id = t.node_id;

-- The old indexes served only these filters; the primary keys (node_id, …) serve everything else.
DROP INDEX IF EXISTS node_metadata_by_value;
DROP INDEX IF EXISTS node_tags_by_tag;
CREATE INDEX IF NOT EXISTS node_metadata_in_folder ON node_metadata (parent_id, meta_key, meta_value, node_id);
CREATE INDEX IF NOT EXISTS node_tags_in_folder ON node_tags (parent_id, tag, node_id);

-- The planner's statistics for the new column (the (key, value) statistics object of V3_1 stays).
ANALYZE node_metadata;
ANALYZE node_tags;
