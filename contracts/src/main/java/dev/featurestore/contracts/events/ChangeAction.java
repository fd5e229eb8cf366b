package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;

/**
 * What happened to a registry object.
 */
@Serdeable
public enum ChangeAction {
    CREATED("created"),
    UPDATED("updated"),
    DELETED("deleted");

    private final String wireName;

    ChangeAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static ChangeAction fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(action -> action.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown change action '%s'".formatted(wireName)));
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
