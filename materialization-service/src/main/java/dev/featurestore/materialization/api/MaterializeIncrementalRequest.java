package dev.featurestore.materialization.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code POST /v1/materialize-incremental}: each view from where its last successful run ended (else
 * {@code end_ts - ttl}) to {@code end_ts}.
 *
 * @param project the project
 * @param featureViews the views; absent or empty for every view served online
 * @param endTimestamp the window's end (inclusive), RFC 3339 or epoch milliseconds, read and checked by
 *     {@link dev.featurestore.contracts.json.TimestampRange} (an {@code Object} so that a bad value is a 400 naming it)
 */
@Serdeable
public record MaterializeIncrementalRequest(
        @Nullable String project,
        @JsonProperty("feature_views") @Nullable List<String> featureViews,
        @JsonProperty("end_ts") @Nullable Object endTimestamp) {
}
