package dev.featurestore.contracts.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.featurestore.contracts.definition.ObjectKind;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One object in the answer of apply (or its plan).
 *
 * @param kind such as {@code feature_view}
 * @param name the object's name
 * @param action {@code create}, {@code update}, {@code delete} or {@code unchanged}
 * @param diffs for an update, each field-level difference as {@code path: old -> new}
 *              ({@code schema.trips_today.dtype: INT32 -> INT64}); empty otherwise
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ObjectChange(ObjectKind kind, String name, PlanAction action, List<String> diffs) {
    public ObjectChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        diffs = List.copyOf(requireNonNull(diffs, "diffs is null"));
    }
}
