package dev.featurestore.runtime.error;

import java.util.Locale;

/**
 * An error a service can answer with. Implemented by one enum per service family
 * ({@link CommonErrorCode} for what every service can answer); rendered as
 * {@code application/problem+json} with {@code code} = {@link #name()},
 * {@code type} = {@link ProblemTypes#uri(ErrorCode)} and {@code status} = {@link #httpStatus()}.
 */
public interface ErrorCode {

    /** Stable machine-readable name, e.g. {@code VALIDATION_FAILED}; enums get it for free. */
    String name();

    /** The HTTP status the error is answered with. */
    int httpStatus();

    ErrorKind kind();

    /** The slug of the problem type, e.g. {@code validation-failed}. */
    default String typeSlug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Short human-readable summary that does not change between occurrences, e.g. {@code Validation failed}. */
    default String title() {
        String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
