package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.featurestore.contracts.definition.ObjectKind;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of {@code GET /v1/projects/{project}/{kind}/{name}/versions}: every version, oldest first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ObjectVersionListResponse(ObjectKind kind, String name, List<ObjectVersionResponse> versions) {
}
