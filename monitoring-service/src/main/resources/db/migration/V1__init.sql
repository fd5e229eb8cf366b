-- Schema `monitoring` (created by Flyway, which runs with it as default schema).

-- Events this service has handled, by CloudEvents id: consumers are idempotent on the id
-- (publishing is at least once), so a redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    handled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
