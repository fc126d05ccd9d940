-- SQLite's V14 (PostgreSQL's is db/postgresql/V14, which says why): a file's metadata and tag rows
-- carry its folder (parent_id, kept equal to nodes.parent_id by the triggers below), and the value
-- and tag indexes start with it, so a filtered listing reads its folder's matches as one range.

ALTER TABLE node_metadata ADD COLUMN parent_id TEXT ${bytewise};
ALTER TABLE node_tags ADD COLUMN parent_id TEXT ${bytewise};

UPDATE node_metadata SET parent_id = (SELECT n.parent_id FROM nodes n WHERE n.id = node_metadata.node_id);
UPDATE node_tags SET parent_id = (SELECT n.parent_id FROM nodes n WHERE n.id = node_tags.node_id);

DROP INDEX IF EXISTS node_metadata_by_value;
DROP INDEX IF EXISTS node_tags_by_tag;
CREATE INDEX IF NOT EXISTS node_metadata_in_folder ON node_metadata (parent_id, meta_key, meta_value, node_id);
CREATE INDEX IF NOT EXISTS node_tags_in_folder ON node_tags (parent_id, tag, node_id);

-- A new row takes its node's folder, whatever the statement inserting it said (a SQLite trigger
-- cannot change the row it fires for before it is written, so it updates it after).
CREATE TRIGGER node_metadata_in_the_folder AFTER INSERT ON node_metadata
BEGIN
    UPDATE node_metadata SET parent_id = (SELECT parent_id FROM nodes WHERE id = NEW.node_id)
    WHERE node_id = NEW.node_id AND meta_key = NEW.meta_key;
END;

CREATE TRIGGER node_tags_in_the_folder AFTER INSERT ON node_tags
BEGIN
    UPDATE node_tags SET parent_id = (SELECT parent_id FROM nodes WHERE id = NEW.node_id)
    WHERE node_id = NEW.node_id AND tag = NEW.tag;
END;

-- A node that moves to another folder takes its rows along (only the moved node's own: a folder's
-- files keep their parent when the folder moves).
CREATE TRIGGER nodes_moved_with_details AFTER UPDATE OF parent_id ON nodes WHEN OLD.parent_id IS NOT NEW.parent_id
BEGIN
    UPDATE node_metadata SET parent_id = NEW.parent_id WHERE node_id = NEW.id;
    UPDATE node_tags SET parent_id = NEW.parent_id WHERE node_id = NEW.id;
END;
