package dev.featurestore.runtime.http;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import java.util.List;
import java.util.Locale;

/** Query parameters as the services read them, each bad value a 400 {@code VALIDATION_FAILED} naming the parameter. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** A flag such as {@code dry_run} or {@code wait}: absent is false, a bare {@code ?flag} or {@code true} is true. */
    public static boolean flag(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false, got '%s'".formatted(value));
        };
    }

    /** A whole number in {@code [min, max]}. */
    public static long number(String name, String value, long min, long max) {
        long number;
        try {
            number = Long.parseLong(value.strip());
        }
        catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number, got '%s'".formatted(value));
        }
        if (number < min || number > max) {
            throw invalid(name, "must be between %d and %d, got %d".formatted(min, max, number));
        }
        return number;
    }

    /** The error for a bad parameter (or header) {@code name}. */
    public static FeatureStoreException invalid(String name, String message) {
        return new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid %s: %s".formatted(name, message),
                List.of(new FieldError(name, message)));
    }
}
