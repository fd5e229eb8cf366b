-- Schema `registry` (created by Flyway, which runs with it as default schema).

CREATE TABLE project (
    name             TEXT PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    description      TEXT NOT NULL DEFAULT '',
    owner            TEXT NOT NULL DEFAULT '',
    registry_version BIGINT NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Transactional outbox (service-runtime's JdbcOutbox / OutboxRelay): a registry change and its
-- event are written in one transaction; the relay publishes unpublished rows to Kafka in id order
-- and stamps published_at. traceparent: the trace of the request that caused the change.
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
