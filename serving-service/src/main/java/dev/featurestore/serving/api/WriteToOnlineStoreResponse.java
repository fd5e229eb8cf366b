package dev.featurestore.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.serving.domain.OnlineWriteResult;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a write stored (Feast's server answers {@code null}; its client looks only at the status, 200).
 *
 * @param rows rows written
 * @param featureView the feature view
 * @param onlineWritten records stored online
 * @param onlineUnchanged records not stored: the online one was as new or newer
 * @param onlineExpired records not stored: already past their ttl and retention
 */
@Serdeable
public record WriteToOnlineStoreResponse(
        long rows,
        @JsonProperty("feature_view") String featureView,
        @JsonProperty("online_written") long onlineWritten,
        @JsonProperty("online_unchanged") long onlineUnchanged,
        @JsonProperty("online_expired") long onlineExpired) {

    static WriteToOnlineStoreResponse of(OnlineWriteResult result) {
        return new WriteToOnlineStoreResponse(result.rows(), result.featureView(), result.written(), result.unchanged(), result.expired());
    }
}
