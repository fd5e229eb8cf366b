package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.featurestore.contracts.definition.ObjectKind;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of {@code GET /v1/projects/{project}/{kind}}: the current objects of the kind, by name. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ObjectListResponse(ObjectKind kind, List<ObjectVersionResponse> objects) {
}
