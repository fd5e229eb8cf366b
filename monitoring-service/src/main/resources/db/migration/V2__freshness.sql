-- Freshness of feature views, and the outbox of the events this service publishes.

-- Transactional outbox (service-runtime's JdbcOutbox / OutboxRelay): a freshness transition and its event are
-- written in one transaction; the relay publishes unpublished rows to Kafka in id order and stamps published_at.
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

-- One row per feature view heard of, from the registry (its SLA) or from a materialization event (its runs).
-- The last run and the last failure are the ones that happened last (by the time of their event), whatever order
-- their events arrive in; max_event_ts only grows. state changes only together with the outbox row of its event.
CREATE TABLE view_freshness (
    project                     TEXT NOT NULL,
    feature_view                TEXT NOT NULL,
    defined                     BOOLEAN NOT NULL DEFAULT false,   -- the registry has it (as a feature view)
    online                      BOOLEAN NOT NULL DEFAULT false,
    freshness_sla_ms            BIGINT CHECK (freshness_sla_ms > 0),
    materialization_interval_ms BIGINT CHECK (materialization_interval_ms > 0),
    first_seen_at               TIMESTAMPTZ NOT NULL,               -- when this service first heard of it
    max_event_ts                TIMESTAMPTZ,
    last_run_id                 UUID,
    last_run_at                 TIMESTAMPTZ,
    last_run_max_event_ts       TIMESTAMPTZ,
    last_error_run_id           UUID,
    last_error_at               TIMESTAMPTZ,
    last_error_code             TEXT,
    last_error_message          TEXT,
    state                       TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('unknown', 'ok', 'violated')),
    state_since                 TIMESTAMPTZ NOT NULL,
    reason                      TEXT,                               -- why it is violated
    evaluated_at                TIMESTAMPTZ,
    PRIMARY KEY (project, feature_view)
);
