package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.monitoring.domain.webhook.Webhook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A webhook; its secret is never shown, only whether it has one. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookResponse(
        String id,
        String project,
        String url,
        @JsonProperty("event_types") List<String> eventTypes,
        @JsonProperty("signed") boolean signed,
        @Nullable String description,
        @JsonProperty("created_at") Instant createdAt) {

    static WebhookResponse of(Webhook webhook) {
        return new WebhookResponse(webhook.id().toString(), webhook.project(), webhook.url(), webhook.eventTypes(), webhook.secret() != null,
                webhook.description(), webhook.createdAt());
    }

    /** {@code GET /v1/webhooks}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Listing(List<WebhookResponse> webhooks) {
    }
}
