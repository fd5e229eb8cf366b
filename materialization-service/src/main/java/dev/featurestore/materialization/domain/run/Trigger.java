package dev.featurestore.materialization.domain.run;

import java.util.Arrays;
import java.util.Locale;

/** What started a run; carried in its events as {@code trigger}. */
public enum Trigger {
    /** {@code POST /v1/materialize} or {@code /v1/materialize-incremental}. */
    MANUAL,
    /** The view's {@code materialization_interval} came round. */
    SCHEDULE,
    /** A registry change created the online view or changed its source or schema. */
    REGISTRY_CHANGE,
    /** A {@code data.landed} event for the view's offline source. */
    DATA_LANDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the triggers there are */
    public static Trigger fromWireName(String name) {
        return Arrays.stream(values()).filter(trigger -> trigger.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trigger '%s'".formatted(name)));
    }
}
