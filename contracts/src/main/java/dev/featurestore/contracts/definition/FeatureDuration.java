package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A duration as written in a definition ({@code ttl}, {@code freshness_sla},
 * {@code materialization_interval}): {@code "30s"}, {@code "5m"}, {@code "26h"}, {@code "7d"},
 * {@code "250ms"}, combinations such as {@code "1h30m"}, ISO-8601 such as {@code "PT6H"}, or
 * {@code "0"}. It serializes back to exactly the text it was parsed from, so a document
 * round-trips unchanged. Equality is on the text.
 */
@Serdeable
public final class FeatureDuration {
    private static final Pattern SHORT_FORM = Pattern.compile("-?(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern SHORT_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String text;
    private final Duration duration;

    private FeatureDuration(String text, Duration duration) {
        this.text = text;
        this.duration = duration;
    }

    /**
     * Parses a duration.
     *
     * @param text the text of the duration
     * @return the duration
     * @throws IllegalArgumentException when the text is not a duration
     */
    @JsonCreator
    public static FeatureDuration parse(String text) {
        requireNonNull(text, "text is null");
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'%s' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')".formatted(text)));
    }

    /**
     * Parses a duration without throwing.
     *
     * @param text the text of the duration
     * @return the duration, or empty when the text is not one
     */
    public static Optional<FeatureDuration> tryParse(String text) {
        requireNonNull(text, "text is null");
        return toDuration(text).map(duration -> new FeatureDuration(text, duration));
    }

    /**
     * A duration of {@code duration}, written in ISO-8601 form.
     *
     * @param duration the duration
     * @return the duration
     */
    public static FeatureDuration of(Duration duration) {
        requireNonNull(duration, "duration is null");
        return new FeatureDuration(duration.isZero() ? "0" : duration.toString(), duration);
    }

    private static Optional<Duration> toDuration(String text) {
        try {
            if (text.equals("0")) {
                return Optional.of(Duration.ZERO);
            }
            if (text.startsWith("P") || text.startsWith("-P") || text.startsWith("p") || text.startsWith("-p")) {
                return Optional.of(Duration.parse(text));
            }
            if (!SHORT_FORM.matcher(text).matches()) {
                return Optional.empty();
            }
            Duration total = Duration.ZERO;
            Matcher part = SHORT_PART.matcher(text);
            while (part.find()) {
                total = total.plus(unitDuration(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
            }
            return Optional.of(text.startsWith("-") ? total.negated() : total);
        }
        catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration unitDuration(String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /**
     * The text this duration was written as.
     *
     * @return the text, such as {@code "26h"}
     */
    @JsonValue
    public String text() {
        return text;
    }

    public Duration duration() {
        return duration;
    }

    /**
     * Whether this is zero: for a {@code ttl}, no limit.
     *
     * @return true for {@code "0"}, {@code "0s"}, {@code "PT0S"} ...
     */
    public boolean isZero() {
        return duration.isZero();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureDuration that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
