-- Blob ids whose bytes may have become reclaimable, noted in the transaction that made them so:
-- a node pointing to the blob was deleted, or an upload that chose it ended ABORTED or EXPIRED
-- (bytes may have been assembled for it). The collector looks at these instead of at every blob
-- and every object in the store, and drops a note once it has decided (docs/architecture.md).
CREATE TABLE reclaimable_blobs (
    blob_id  TEXT ${bytewise} PRIMARY KEY
);

-- What an earlier version's collector would have found on its next pass.
INSERT INTO reclaimable_blobs (blob_id)
SELECT b.id FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.blob_id = b.id);
INSERT INTO reclaimable_blobs (blob_id)
SELECT DISTINCT u.blob_id FROM uploads u
WHERE u.state IN ('ABORTED', 'EXPIRED') AND u.blob_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.id = u.blob_id);

-- When a full sweep of the blob store (for bytes no row or note knows, e.g. left by a crash of an
-- earlier version) last started; replicas claim the next one with a compare-and-set on it. 0: never,
-- so the first collector pass after this migration sweeps.
CREATE TABLE reclaim_sweeps (
    id          INTEGER PRIMARY KEY,
    started_at  BIGINT NOT NULL
);
INSERT INTO reclaim_sweeps (id, started_at) VALUES (1, 0);
