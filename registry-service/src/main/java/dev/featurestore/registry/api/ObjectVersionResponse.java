package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.registry.domain.DefinitionObjects;
import dev.featurestore.registry.domain.ObjectVersion;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One version of an object: the current object ({@code GET .../{kind}/{name}}) or one of its history.
 *
 * @param deleted whether this version is the object's delete (its definition is the last one it had)
 * @param registryVersion the project's registry version this version was written in
 * @param definition the object as it is in a definition document
 */
@Serdeable
public record ObjectVersionResponse(
        ObjectKind kind,
        String name,
        int version,
        boolean deleted,
        @JsonProperty("registry_version") long registryVersion,
        @JsonProperty("created_at") Instant createdAt,
        JsonNode definition) {

    static ObjectVersionResponse of(ObjectVersion version) {
        return new ObjectVersionResponse(version.object().kind(), version.object().name(), version.version(), version.deleted(),
                version.registryVersion(), version.createdAt(), DefinitionObjects.toTree(version.object()));
    }
}
