-- Feature statistics of each materialization run (from materialization.completed), their drift, and each view's
-- baseline run.

-- One run's statistics: feature -> FeatureStatistics JSON as materialization published them. drift holds what was
-- computed when the run arrived: {"previous": {"run_id", "features": {name: psi}}, "baseline": {...}}; the previous
-- run is the one that completed last before it among those stored then.
CREATE TABLE run_statistics (
    project          TEXT NOT NULL,
    feature_view     TEXT NOT NULL,
    run_id           UUID NOT NULL,
    completed_at     TIMESTAMPTZ NOT NULL,
    start_ts         TIMESTAMPTZ,
    end_ts           TIMESTAMPTZ NOT NULL,
    rows_read        BIGINT NOT NULL,
    entities_written BIGINT NOT NULL,
    max_event_ts     TIMESTAMPTZ,
    statistics       JSONB NOT NULL,
    drift            JSONB NOT NULL,
    PRIMARY KEY (project, feature_view, run_id)
);

CREATE INDEX run_statistics_history ON run_statistics (project, feature_view, completed_at DESC);

-- The run each view's statistics are compared with besides the previous one: the first run stored, until a user pins
-- another (PUT .../statistics/baseline). Its statistics are kept past the retention.
CREATE TABLE statistics_baseline (
    project      TEXT NOT NULL,
    feature_view TEXT NOT NULL,
    run_id       UUID NOT NULL,
    pinned_at    TIMESTAMPTZ NOT NULL,
    pinned_by    TEXT NOT NULL CHECK (pinned_by IN ('first_run', 'user')),
    PRIMARY KEY (project, feature_view)
);
