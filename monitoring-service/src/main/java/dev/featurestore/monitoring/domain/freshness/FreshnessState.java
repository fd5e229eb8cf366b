package dev.featurestore.monitoring.domain.freshness;

import java.util.Locale;

/** Where a view stands against its freshness SLA. */
public enum FreshnessState {
    /** Not evaluated yet, or not evaluated at all (no SLA, offline view, nothing known). */
    UNKNOWN,
    /** Within its SLA. */
    OK,
    /** Past its SLA, or unable to meet it (see {@link FreshnessRule}). */
    VIOLATED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FreshnessState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
