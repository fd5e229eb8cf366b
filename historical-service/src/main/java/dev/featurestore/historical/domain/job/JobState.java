package dev.featurestore.historical.domain.job;

import java.util.Locale;

/** The states of a job (docs/architecture.md, "API conventions"): queued, running, then one of succeeded, failed, cancelled. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
