package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import static java.util.Objects.requireNonNull;

/**
 * One key column of an entity.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JoinKey(String name, @JsonProperty("value_type") ValueType valueType) {
    public JoinKey {
        requireNonNull(name, "name is null");
        requireNonNull(valueType, "valueType is null");
    }
}
