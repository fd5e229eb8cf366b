-- Kafka sources to ingest: rebuilt for a project from the registry whenever one of its objects changes. The stream
-- consumer subscribes to the topics named here.
CREATE TABLE stream_source (
    project TEXT NOT NULL,
    source  TEXT NOT NULL,
    topic   TEXT NOT NULL,
    PRIMARY KEY (project, source)
);

CREATE INDEX stream_source_by_topic ON stream_source (topic);
