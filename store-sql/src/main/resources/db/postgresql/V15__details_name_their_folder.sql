-- PostgreSQL's V15 (SQLite's is db/sqlite/V15): SeqVault's own statements now write a metadata or
-- tag row's folder themselves (NodeDetails, SqlNodeRepository.insertCopies, SqlTrashRepository),
-- so V14's insert trigger runs only for a row inserted without it: one from a replica of an earlier
-- version during a rolling upgrade. Its per-row lookup of the node was a third of a row's insert
-- (bench/FIXES.md, section 23). The move trigger is unchanged: a move still takes the rows along.

DROP TRIGGER node_metadata_in_the_folder ON node_metadata;
DROP TRIGGER node_tags_in_the_folder ON node_tags;

CREATE TRIGGER node_metadata_in_the_folder BEFORE INSERT ON node_metadata
    FOR EACH ROW WHEN (NEW.parent_id IS NULL) EXECUTE FUNCTION node_details_take_the_folder();
CREATE TRIGGER node_tags_in_the_folder BEFORE INSERT ON node_tags
    FOR EACH ROW WHEN (NEW.parent_id IS NULL) EXECUTE FUNCTION node_details_take_the_folder();
