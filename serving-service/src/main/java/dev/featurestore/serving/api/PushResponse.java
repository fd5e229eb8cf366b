package dev.featurestore.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.serving.domain.PushResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a push wrote (Feast answers no body; its clients ignore this one).
 *
 * @param rows rows pushed
 * @param featureViews feature views written online
 * @param onlineWritten records stored online
 * @param onlineUnchanged records not stored: the online one was as new or newer
 * @param onlineExpired records not stored: already past their ttl and retention
 * @param offlineObject the Parquet object added under the batch source, when written offline
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushResponse(
        long rows,
        @JsonProperty("feature_views") List<String> featureViews,
        @JsonProperty("online_written") long onlineWritten,
        @JsonProperty("online_unchanged") long onlineUnchanged,
        @JsonProperty("online_expired") long onlineExpired,
        @JsonProperty("offline_object") @Nullable String offlineObject) {

    static PushResponse of(PushResult result) {
        return new PushResponse(result.rows(), result.featureViews(), result.onlineWritten(), result.onlineUnchanged(), result.onlineExpired(),
                result.offlineObject().orElse(null));
    }
}
