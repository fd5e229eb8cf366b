package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.ObjectKind;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Data of {@code registry.object.changed}: an object of a project was created, updated or deleted.
 *
 * @param objectVersion the object's version after the change (its last version for a delete)
 * @param registryVersion the project's {@code registry_version} after the change
 * @param diffs what changed, such as {@code schema.trips_today.dtype: INT32 -> INT64}; empty for creates and deletes
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryObjectChanged(
        String project,
        ObjectKind kind,
        String name,
        ChangeAction action,
        @JsonProperty("object_version") long objectVersion,
        @JsonProperty("registry_version") long registryVersion,
        List<String> diffs) {
    public RegistryObjectChanged {
        requireNonNull(project, "project is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        diffs = List.copyOf(requireNonNull(diffs, "diffs is null"));
    }
}
