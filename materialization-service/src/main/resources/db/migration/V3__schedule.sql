-- Views to materialize on their materialization_interval: rebuilt for a project from the registry whenever one of
-- its objects changes (registry.object.changed); a view is due when its watermark is older than its interval and it
-- has no queued or running run.
CREATE TABLE schedule (
    project      TEXT NOT NULL,
    feature_view TEXT NOT NULL,
    interval_ms  BIGINT NOT NULL CHECK (interval_ms > 0),
    PRIMARY KEY (project, feature_view)
);

-- An incremental run starts at the view's watermark, or earlier when data landed with older event timestamps
-- (data.landed's min_event_timestamp): late data is not skipped.
ALTER TABLE run ADD COLUMN start_no_later_than TIMESTAMPTZ;

-- Whether a run's latest rows went past the memory budget to spill files.
ALTER TABLE run ADD COLUMN spilled BOOLEAN;
