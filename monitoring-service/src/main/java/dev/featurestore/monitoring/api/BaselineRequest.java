package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code PUT /v1/features/{project}/{view}/statistics/baseline}: the run to compare later runs with. */
@Serdeable
public record BaselineRequest(@JsonProperty("run_id") @Nullable String runId) {
}
