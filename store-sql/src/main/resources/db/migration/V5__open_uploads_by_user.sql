-- The Seven Bridges upload listing (GET /v2/upload/multipart) pages through a user's OPEN sessions,
-- newest first, and counts them. Partial: open sessions are few (they end within the upload
-- lifetime), however many finished ones the retention keeps. It replaces uploads_by_user, which
-- only that listing used, and which made it read every session the user ever had.
-- IF NOT EXISTS: an operator may build it beforehand with CREATE INDEX CONCURRENTLY (docs/deploy.md).
CREATE INDEX IF NOT EXISTS uploads_open_by_user ON uploads (user_id, created_at, id) WHERE state = 'OPEN';
DROP INDEX IF EXISTS uploads_by_user;
