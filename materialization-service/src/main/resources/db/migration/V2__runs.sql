-- Runs, per-view leases, watermarks and the outbox of materialization events.

-- Transactional outbox (service-runtime's JdbcOutbox / OutboxRelay): a run's end and its event are written in one
-- transaction; the relay publishes unpublished rows to Kafka in id order and stamps published_at.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID NOT NULL UNIQUE,
    topic        TEXT NOT NULL,
    event_key    TEXT NOT NULL,
    payload      JSONB NOT NULL,
    traceparent  TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- One materialization of one feature view. requested_start is null for an incremental run: its start_ts is
-- resolved when it starts (the view's watermark, else end_ts - ttl). A running run is kept alive by its owner's
-- heartbeat; one whose heartbeat is older than the lease timeout is claimed again by any instance.
CREATE TABLE run (
    id                 UUID PRIMARY KEY,
    project            TEXT NOT NULL,
    feature_view       TEXT NOT NULL,
    trigger            TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'registry_change', 'data_landed')),
    state              TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    requested_start    TIMESTAMPTZ,
    start_ts           TIMESTAMPTZ,
    end_ts             TIMESTAMPTZ NOT NULL,
    phase              TEXT,
    rows_done          BIGINT NOT NULL DEFAULT 0,
    rows_total         BIGINT NOT NULL DEFAULT 0,
    rows_read          BIGINT,
    entities_written   BIGINT,
    entities_unchanged BIGINT,
    entities_expired   BIGINT,
    max_event_ts       TIMESTAMPTZ,
    statistics         JSONB,
    skew_check         JSONB,
    error_code         TEXT,
    error_message      TEXT,
    attempt            INT NOT NULL DEFAULT 0,
    owner              TEXT,
    heartbeat_at       TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ
);

CREATE INDEX run_open ON run (created_at) WHERE state IN ('queued', 'running');
CREATE INDEX run_by_view ON run (project, feature_view, created_at DESC);
CREATE INDEX run_finished ON run (finished_at) WHERE finished_at IS NOT NULL;

-- Who runs a view now: at most one run per view at a time, whichever instance it is on. Taken when a run is
-- claimed, renewed by its heartbeat, deleted when it ends; an expired lease is taken over.
CREATE TABLE view_lease (
    project      TEXT NOT NULL,
    feature_view TEXT NOT NULL,
    run_id       UUID NOT NULL,
    owner        TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project, feature_view)
);

-- The end of the window of each view's last successful run: where its next incremental run starts. Moved only
-- forwards, and only in the transaction that marks the run succeeded (after its online writes).
CREATE TABLE watermark (
    project      TEXT NOT NULL,
    feature_view TEXT NOT NULL,
    end_ts       TIMESTAMPTZ NOT NULL,
    run_id       UUID NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project, feature_view)
);
