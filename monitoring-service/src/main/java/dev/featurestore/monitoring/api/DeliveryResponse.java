package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.monitoring.domain.webhook.Delivery;
import dev.featurestore.monitoring.domain.webhook.DeliveryError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** One entry of a webhook's delivery log. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryResponse(
        long id,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("event_type") String eventType,
        String state,
        int attempts,
        @JsonProperty("next_attempt_at") @Nullable Instant nextAttemptAt,
        @JsonProperty("last_attempt_at") @Nullable Instant lastAttemptAt,
        @JsonProperty("last_status") @Nullable Integer lastStatus,
        @JsonProperty("last_error") @Nullable String lastError,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("delivered_at") @Nullable Instant deliveredAt) {

    static DeliveryResponse of(Delivery delivery) {
        return new DeliveryResponse(delivery.id(), delivery.eventId().toString(), delivery.eventType(), delivery.state().wireName(), delivery.attempts(),
                delivery.nextAttemptAt(), delivery.lastAttemptAt(), delivery.lastStatus(), DeliveryError.shown(delivery.lastError()), delivery.createdAt(),
                delivery.deliveredAt());
    }

    /** {@code GET /v1/webhooks/{id}/deliveries}: the newest first. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Listing(List<DeliveryResponse> deliveries) {
    }
}
