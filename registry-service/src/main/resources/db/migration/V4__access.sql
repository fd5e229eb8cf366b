-- Who may call the suite: API keys (only the SHA-256 of each key is kept), role bindings per
-- project ('*' = every project), a version that grows with every change (the other services
-- re-read GET /v1/access when it moves), and the audit log of these changes. project is not a
-- foreign key: a binding may name a project before it exists (so an editor can create it), and
-- '*' is no project.

CREATE TABLE api_key (
    key_id        TEXT PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{12}$'),
    secret_sha256 TEXT NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    project       TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by    TEXT NOT NULL,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT
);

CREATE INDEX api_key_project ON api_key (project, created_at);

CREATE TABLE role_binding (
    project    TEXT NOT NULL,
    principal  TEXT NOT NULL CHECK (length(principal) <= 200),
    role       TEXT NOT NULL CHECK (role IN ('viewer', 'ingester', 'editor', 'admin', 'pii_reader')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by TEXT NOT NULL,
    PRIMARY KEY (project, principal, role)
);

CREATE TABLE access_version (
    id      INT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);

INSERT INTO access_version (id, version) VALUES (1, 1);

-- action: key_created, key_revoked, binding_added, binding_removed, project_access_cleared.
CREATE TABLE access_audit (
    id      BIGSERIAL PRIMARY KEY,
    project TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT '',
    actor   TEXT NOT NULL,
    at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX access_audit_project ON access_audit (project, id);
