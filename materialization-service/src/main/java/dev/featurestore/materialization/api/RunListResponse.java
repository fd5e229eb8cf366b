package dev.featurestore.materialization.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /v1/runs}: the newest runs first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunListResponse(List<RunResponse> runs) {
}
