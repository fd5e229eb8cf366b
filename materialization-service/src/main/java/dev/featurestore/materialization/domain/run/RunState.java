package dev.featurestore.materialization.domain.run;

import java.util.Arrays;
import java.util.Locale;

/** The states of a run (docs/architecture.md, "API conventions"). */
public enum RunState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** @throws IllegalArgumentException naming the states there are */
    public static RunState fromWireName(String name) {
        return Arrays.stream(values()).filter(state -> state.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run state '%s' (states: %s)"
                        .formatted(name, Arrays.stream(values()).map(RunState::wireName).toList())));
    }
}
