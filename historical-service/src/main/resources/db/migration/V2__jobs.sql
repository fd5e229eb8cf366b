-- Historical-features jobs. A job is claimed by one service instance (owner) and kept alive by its
-- heartbeat; a running job whose heartbeat is older than the lease timeout is claimed again by any
-- instance (after a crash or restart), up to the configured number of attempts.
CREATE TABLE job (
    id               UUID PRIMARY KEY,
    project          TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    request          JSONB NOT NULL,
    output_uri       TEXT,
    output_files     JSONB NOT NULL DEFAULT '[]',
    output_schema    JSONB NOT NULL DEFAULT '[]',
    phase            TEXT,
    rows_done        BIGINT NOT NULL DEFAULT 0,
    rows_total       BIGINT NOT NULL DEFAULT 0,
    entity_rows      BIGINT,
    source_rows_read BIGINT,
    rows_written     BIGINT,
    spilled          BOOLEAN,
    error_code       TEXT,
    error_message    TEXT,
    attempt          INT NOT NULL DEFAULT 0,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    owner            TEXT,
    heartbeat_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);

CREATE INDEX job_open ON job (created_at) WHERE state IN ('queued', 'running');
CREATE INDEX job_finished ON job (finished_at) WHERE finished_at IS NOT NULL;
