-- Seven Bridges project tags and settings (spec §12.4). Settings are one JSON object kept as text
-- (NULL reads as {}); tags are rows, so "projects carrying every one of these tags" is an indexed
-- lookup per tag, and a project's tags keep the order they were given in.
ALTER TABLE projects ADD COLUMN settings TEXT;

CREATE TABLE project_tags (
    project_id  TEXT ${bytewise} NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tag         TEXT ${bytewise} NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (project_id, tag)
);
CREATE INDEX project_tags_by_tag ON project_tags (tag, project_id);

-- GET /projects?name=…: an exact name among the projects the caller can read.
CREATE INDEX projects_by_name ON projects (name);
