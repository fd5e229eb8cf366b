package dev.featurestore.registry.api;

import dev.featurestore.registry.domain.ApplyOptions;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import java.util.List;
import java.util.Locale;

/** Query parameters and headers shared by the controllers, each bad value a 400 naming it. */
final class RequestParameters {
    static final String ACTOR_HEADER = "X-Actor";
    private static final int MAX_ACTOR_LENGTH = 200;

    private RequestParameters() {
    }

    /** A flag: absent is false, a bare {@code ?flag} or {@code true} is true. */
    static boolean flag(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw invalidParameter(name, "must be true or false, got '%s'".formatted(value));
        };
    }

    static Long registryVersion(String value) {
        return value == null ? null : number("expected_registry_version", value, 0, Long.MAX_VALUE);
    }

    static long number(String name, String value, long min, long max) {
        long number;
        try {
            number = Long.parseLong(value.strip());
        }
        catch (NumberFormatException e) {
            throw invalidParameter(name, "must be a whole number, got '%s'".formatted(value));
        }
        if (number < min || number > max) {
            throw invalidParameter(name, "must be between %d and %d, got %d".formatted(min, max, number));
        }
        return number;
    }

    static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            return ApplyOptions.ANONYMOUS;
        }
        String stripped = actor.strip();
        if (stripped.length() > MAX_ACTOR_LENGTH) {
            throw invalidParameter(ACTOR_HEADER, "must be at most %d characters".formatted(MAX_ACTOR_LENGTH));
        }
        return stripped;
    }

    static FeatureStoreException invalidParameter(String name, String message) {
        return new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid %s: %s".formatted(name, message),
                List.of(new FieldError(name, message)));
    }
}
