package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;

/**
 * The kinds of registry objects, as named in apply results, diffs and events.
 */
@Serdeable
public enum ObjectKind {
    PROJECT("project"),
    ENTITY("entity"),
    DATA_SOURCE("data_source"),
    FEATURE_VIEW("feature_view"),
    ON_DEMAND_FEATURE_VIEW("on_demand_feature_view"),
    FEATURE_SERVICE("feature_service");

    private final String wireName;

    ObjectKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static ObjectKind fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown object kind '%s'".formatted(wireName)));
    }

    /**
     * The name in JSON.
     *
     * @return such as {@code feature_view}
     */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
