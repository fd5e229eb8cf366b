package dev.featurestore.registry.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of {@code GET /v1/projects}. */
@Serdeable
public record ProjectListResponse(List<ProjectResponse> projects) {
}
