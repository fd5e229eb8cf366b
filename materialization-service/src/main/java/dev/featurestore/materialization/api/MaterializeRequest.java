package dev.featurestore.materialization.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code POST /v1/materialize}.
 *
 * @param project the project
 * @param featureViews the views to materialize; absent or empty for every view served online
 * @param startTimestamp the window's start (inclusive), RFC 3339 or epoch milliseconds, read and checked by
 *     {@link dev.featurestore.contracts.json.TimestampRange} (an {@code Object} so that a bad value is a 400 naming it)
 * @param endTimestamp the window's end (inclusive)
 */
@Serdeable
public record MaterializeRequest(
        @Nullable String project,
        @JsonProperty("feature_views") @Nullable List<String> featureViews,
        @JsonProperty("start_ts") @Nullable Object startTimestamp,
        @JsonProperty("end_ts") @Nullable Object endTimestamp) {
}
