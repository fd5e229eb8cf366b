package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code POST /v1/webhooks}.
 *
 * @param project the project whose events it receives
 * @param url where they are POSTed (http or https)
 * @param eventTypes which of {@code freshness.violated}, {@code freshness.recovered}, {@code drift.detected}; default all
 * @param secret when set, each body is signed with it (header {@code X-Featurestore-Signature: sha256=<hex HMAC-SHA256>})
 */
@Serdeable
public record WebhookRequest(
        @Nullable String project,
        @Nullable String url,
        @JsonProperty("event_types") @Nullable List<String> eventTypes,
        @Nullable String secret,
        @Nullable String description) {
}
