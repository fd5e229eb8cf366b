package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /v1/freshness}: every feature view of the registry, by project and name. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FreshnessListResponse(List<FreshnessResponse> views) {
}
