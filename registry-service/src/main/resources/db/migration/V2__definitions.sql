-- Definitions of every kind, with their whole history, and the audit log.
-- kind is the wire name of contracts' ObjectKind (entity, data_source, feature_view,
-- on_demand_feature_view, feature_service). A name is unique per (project, kind).

-- One row per object ever applied: its current version and whether it is deleted now.
CREATE TABLE registry_object (
    project         TEXT NOT NULL REFERENCES project (name) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    current_version INT NOT NULL,
    deleted         BOOLEAN NOT NULL DEFAULT false,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project, kind, name)
);

-- Every version of every object, never updated. A delete writes a version with deleted = true
-- whose body is the last definition (a tombstone), so history shows when it went away.
CREATE TABLE object_version (
    project          TEXT NOT NULL,
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    version          INT NOT NULL CHECK (version >= 1),
    body             JSONB NOT NULL,
    deleted          BOOLEAN NOT NULL DEFAULT false,
    registry_version BIGINT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project, kind, name, version),
    FOREIGN KEY (project, kind, name) REFERENCES registry_object (project, kind, name) ON DELETE CASCADE
);

-- Who changed what, when: one row per object change. diffs is a JSON array of strings
-- ("schema.trips_today.dtype: INT32 -> INT64"). id orders the log (cursor of GET .../audit).
CREATE TABLE audit_log (
    id               BIGSERIAL PRIMARY KEY,
    project          TEXT NOT NULL REFERENCES project (name) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    version          INT NOT NULL,
    action           TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
    diffs            JSONB NOT NULL DEFAULT '[]',
    actor            TEXT NOT NULL,
    registry_version BIGINT NOT NULL,
    at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_project ON audit_log (project, id);
