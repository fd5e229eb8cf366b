-- Deleting a project keeps its history (DELETE /v1/projects/{p}?cascade=true): the row stays,
-- marked deleted, with every object version and audit row. Creating the project again (POST or
-- apply) revives the row: registry_version and object versions continue where they stopped, so a
-- client's cached snapshot (ETag rv-<n>) can never be mistaken for the new project's.
-- version: the project's own version, 1 when created, +1 at each delete and each re-creation
-- (object_version of its registry.object.changed events).
ALTER TABLE project ADD COLUMN version INT NOT NULL DEFAULT 1;
ALTER TABLE project ADD COLUMN deleted_at TIMESTAMPTZ;

-- Search (GET /v1/search) and project delete read the current objects of every live project:
-- a partial index keeps that scan off the deleted objects.
CREATE INDEX registry_object_current ON registry_object (project, kind, name, current_version) WHERE NOT deleted;
