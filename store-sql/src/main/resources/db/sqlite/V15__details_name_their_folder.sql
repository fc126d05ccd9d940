-- SQLite's V15 (PostgreSQL's is db/postgresql/V15): SeqVault's own statements now write a metadata
-- or tag row's folder themselves (NodeDetails, SqlNodeRepository.insertCopies, SqlTrashRepository),
-- so V14's insert trigger, which updates the row just written, runs only for a row inserted without
-- it (one written by an earlier version). The move trigger is unchanged.

DROP TRIGGER node_metadata_in_the_folder;
DROP TRIGGER node_tags_in_the_folder;

CREATE TRIGGER node_metadata_in_the_folder AFTER INSERT ON node_metadata WHEN NEW.parent_id IS NULL
BEGIN
    UPDATE node_metadata SET parent_id = (SELECT parent_id FROM nodes WHERE id = NEW.node_id)
    WHERE node_id = NEW.node_id AND meta_key = NEW.meta_key;
END;

CREATE TRIGGER node_tags_in_the_folder AFTER INSERT ON node_tags WHEN NEW.parent_id IS NULL
BEGIN
    UPDATE node_tags SET parent_id = (SELECT parent_id FROM nodes WHERE id = NEW.node_id)
    WHERE node_id = NEW.node_id AND tag = NEW.tag;
END;
