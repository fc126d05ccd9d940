-- The origin filter (files a task produced, in one folder) in listing order. Without it
-- PostgreSQL reads the folder's whole listing, or the whole table, to find a task's files.
-- Partial: most files come from uploads and have no origin task, so they take no room here.
-- IF NOT EXISTS: on a large PostgreSQL installation an operator may build it beforehand with
-- CREATE INDEX CONCURRENTLY (docs/deploy.md, upgrades), and the migration then keeps that one.
CREATE INDEX IF NOT EXISTS nodes_by_origin ON nodes (parent_id, origin_task, is_folder DESC, name, id)
    WHERE origin_task IS NOT NULL;
