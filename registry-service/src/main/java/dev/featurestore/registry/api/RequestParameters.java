package dev.featurestore.registry.api;

import dev.featurestore.contracts.validation.Text;
import dev.featurestore.registry.domain.ApplyOptions;
import dev.featurestore.runtime.http.QueryParameters;

/** Query parameters and headers shared by the controllers, each bad value a 400 naming it. */
final class RequestParameters {
    static final String ACTOR_HEADER = "X-Actor";
    private static final int MAX_ACTOR_LENGTH = 200;

    private RequestParameters() {
    }

    static Long registryVersion(String value) {
        return value == null ? null : QueryParameters.number("expected_registry_version", value, 0, Long.MAX_VALUE);
    }

    static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            return ApplyOptions.ANONYMOUS;
        }
        String stripped = actor.strip();
        if (stripped.length() > MAX_ACTOR_LENGTH) {
            throw QueryParameters.invalid(ACTOR_HEADER, "must be at most %d characters".formatted(MAX_ACTOR_LENGTH));
        }
        if (Text.firstControl(stripped, false) >= 0) {
            throw QueryParameters.invalid(ACTOR_HEADER, "must not contain control characters (such as NUL)");
        }
        return stripped;
    }
}
