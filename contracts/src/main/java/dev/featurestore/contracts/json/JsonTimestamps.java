package dev.featurestore.contracts.json;

import dev.featurestore.contracts.validation.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;

/**
 * The one reader of a caller's timestamp in a JSON body (pushed rows, rows written online, entity rows, request
 * data, materialization windows, stream records): what {@link JsonTypedValues} does for {@code UNIX_TIMESTAMP}.
 * Accepted:
 * <ul>
 *   <li>RFC 3339 / ISO 8601 with an offset: {@code 2026-12-07T13:12:37Z}, {@code 2026-12-07T14:12:37.5+01:00};</li>
 *   <li>ISO 8601 without an offset, read as UTC, as Feast's clients send them (Python's {@code isoformat()} and
 *       {@code str()} of a naive {@code datetime}): {@code 2026-12-07T13:12:37}, {@code 2026-12-07 13:12:37.123456};</li>
 *   <li>a space instead of the {@code T} in either form ({@code 2026-12-07 13:12:37+00:00}, pandas' text);</li>
 *   <li>epoch milliseconds, a JSON integer.</li>
 * </ul>
 * Fractions have 1 to 9 digits. Every timestamp must lie in {@link #MIN} to {@link #MAX}: the four-digit years RFC 3339
 * can write, all of which fit the microseconds the stores keep.
 */
public final class JsonTimestamps {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** An ISO date-time, with an offset or none ({@code T}, {@code t} and {@code z} in either case, as OffsetDateTime reads them). */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    /** Longer text is no timestamp (the longest, {@code 2026-12-07T13:12:37.123456789+01:00}, has 35 characters). */
    private static final int MAX_LENGTH = 64;
    private static final String TEXT_FORMS = "(2026-11-21T10:00:00Z), nor ISO 8601 without an offset, read as UTC (2026-11-21T10:00:00 or "
            + "2026-11-21 10:00:00)";

    private JsonTimestamps() {
    }

    /**
     * Reads one timestamp as JSON gives it (a {@link String} or a {@link Number}).
     *
     * @throws IllegalArgumentException saying what the value is and what was expected (for a message naming the field)
     */
    public static Instant parse(Object value) {
        Instant instant;
        if (value instanceof String text) {
            instant = text(text);
        } else if (JsonTypedValues.isIntegral(value)) {
            instant = epochMillis(value);
        } else {
            throw new IllegalArgumentException("%s is not a timestamp (RFC 3339 or ISO 8601 text, or epoch milliseconds)".formatted(quote(value)));
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw outOfRange(value, null);
        }
        return instant;
    }

    private static Instant text(String text) {
        int point = text.indexOf('.');
        if (text.length() > MAX_LENGTH || point >= 0 && (point + 1 == text.length() || !Character.isDigit(text.charAt(point + 1)))) {
            // java.time would take a point without digits (13:12:37.)
            throw notATimestamp(text, null);
        }
        // pandas and Python's str() put a space between date and time
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        TemporalAccessor parsed;
        try {
            parsed = DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        } catch (DateTimeParseException e) {
            throw notATimestamp(text, e);
        }
        if (parsed instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static Instant epochMillis(Object value) {
        BigInteger integer = value instanceof BigDecimal decimal ? decimal.toBigInteger()
                : value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        if (integer.compareTo(LONG_MIN) < 0 || integer.compareTo(LONG_MAX) > 0) {
            throw outOfRange(value, null);
        }
        return Instant.ofEpochMilli(integer.longValue());
    }

    private static IllegalArgumentException notATimestamp(String text, Throwable cause) {
        return new IllegalArgumentException("%s is not an RFC 3339 timestamp %s".formatted(quote(text), TEXT_FORMS), cause);
    }

    private static IllegalArgumentException outOfRange(Object value, Throwable cause) {
        return new IllegalArgumentException("%s is outside the timestamps accepted (%s to %s)".formatted(quote(value), MIN, MAX), cause);
    }

    private static String quote(Object value) {
        return value instanceof String text ? Text.quote(text) : Text.prefix(String.valueOf(value));
    }
}
