-- Webhooks: HTTP endpoints of a project that receive monitoring's events as CloudEvents JSON, and the log of
-- every delivery. A delivery is queued in the transaction that publishes its event, so it exists exactly when the
-- event does; it is attempted until the endpoint answers 2xx or max-attempts is reached, with backoff.
CREATE TABLE webhook (
    id          UUID PRIMARY KEY,
    project     TEXT NOT NULL,
    url         TEXT NOT NULL,
    event_types TEXT[] NOT NULL,          -- the event types it receives
    secret      TEXT,                     -- signs each body (HMAC-SHA256) when set
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project, url)
);

CREATE TABLE webhook_delivery (
    id              BIGSERIAL PRIMARY KEY,
    webhook_id      UUID NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        UUID NOT NULL,
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,        -- the CloudEvent, byte for byte as sent (and signed)
    state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL, -- while pending; a claimed delivery is pushed past its attempt's timeout
    last_attempt_at TIMESTAMPTZ,
    last_status     INT,                  -- the endpoint's last HTTP status, null when it could not be reached
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, id DESC);
