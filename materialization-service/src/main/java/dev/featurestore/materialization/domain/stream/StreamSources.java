package dev.featurestore.materialization.domain.stream;

import java.util.List;
import java.util.Map;

/** The kafka sources to ingest, per project, as the registry last described them. */
public interface StreamSources {
    /** Replaces a project's kafka sources: source name to topic. */
    void replace(String project, Map<String, String> topics);

    /** Every kafka source of every project. */
    List<StreamSource> all();

    /** A kafka source of a project, read from a topic. */
    record StreamSource(String project, String source, String topic) {
    }
}
