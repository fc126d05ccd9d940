-- PostgreSQL only (db/postgresql; the shared migrations are in db/migration). Planner statistics,
-- no change to what is stored: tables, indexes and constraints stay the same on both databases.
--
-- A metadata value nearly always belongs to one key ('WGS' is only ever an experimental_strategy),
-- but without these statistics PostgreSQL multiplies the selectivities of meta_key = ? and
-- meta_value = ? as if they were independent, and expects a tenth of the rows that match. With a
-- common value (a quarter of all files) it then reads every matching (key, value) entry and hashes
-- them against the folder, instead of probing (key, value, node) for each file of the folder:
-- 150-450 ms instead of 3-10 ms in a 1,000-file folder of 1,000,000 files (docs/indexes.md).
-- The functional dependency and the most-common (key, value) pairs give it the real counts.
-- SQLite needs nothing like it: it probes the metadata of each file of the folder.
CREATE STATISTICS IF NOT EXISTS node_metadata_key_value (dependencies, mcv) ON meta_key, meta_value FROM node_metadata;

-- Statistics objects are filled by ANALYZE (autovacuum would do it later); it samples a bounded
-- number of rows whatever the table's size.
ANALYZE node_metadata;
