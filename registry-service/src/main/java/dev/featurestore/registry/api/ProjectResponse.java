package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.registry.domain.ProjectRecord;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A project as the API shows it. */
@Serdeable
public record ProjectResponse(
        String name,
        String description,
        String owner,
        @JsonProperty("registry_version") long registryVersion,
        @JsonProperty("created_at") Instant createdAt) {

    static ProjectResponse of(ProjectRecord record) {
        return new ProjectResponse(record.name(), record.description(), record.owner(), record.registryVersion(), record.createdAt());
    }
}
