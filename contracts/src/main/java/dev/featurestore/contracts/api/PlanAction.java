package dev.featurestore.contracts.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.featurestore.contracts.events.ChangeAction;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.Optional;

/** What an apply (or its plan) does to one object: {@code action} of {@link ObjectChange}. */
@Serdeable
public enum PlanAction {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    UNCHANGED("unchanged");

    private final String wireName;

    PlanAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonCreator
    public static PlanAction fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(action -> action.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown plan action '%s'".formatted(wireName)));
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The action of the {@code registry.object.changed} event (and audit row) of this change.
     *
     * @return empty for {@link #UNCHANGED}
     */
    public Optional<ChangeAction> changeAction() {
        return switch (this) {
            case CREATE -> Optional.of(ChangeAction.CREATED);
            case UPDATE -> Optional.of(ChangeAction.UPDATED);
            case DELETE -> Optional.of(ChangeAction.DELETED);
            case UNCHANGED -> Optional.empty();
        };
    }
}
