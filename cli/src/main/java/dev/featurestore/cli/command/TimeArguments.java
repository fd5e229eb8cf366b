package dev.featurestore.cli.command;

import dev.featurestore.cli.CliException;
import dev.featurestore.contracts.definition.FeatureDuration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Timestamps as a user types them: RFC 3339 ({@code 2026-11-21T10:00:00Z}, any offset), a date-time without offset
 * (UTC), a date (its midnight, UTC), {@code now}, or {@code now-<duration>} such as {@code now-2d} or {@code now-90m}.
 */
final class TimeArguments {
    private TimeArguments() {
    }

    static Instant parse(String text, String name, Clock clock) {
        String value = text.trim();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (value.equals("now")) {
            return now;
        }
        if (value.startsWith("now-") || value.startsWith("now+")) {
            Optional<FeatureDuration> duration = FeatureDuration.tryParse(value.substring(4));
            if (duration.isPresent()) {
                return value.charAt(3) == '-' ? now.minus(duration.get().duration()) : now.plus(duration.get().duration());
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new CliException("%s: '%s' is not a timestamp (2026-11-21T10:00:00Z, 2026-11-21, now or now-2h)".formatted(name, text));
        }
    }
}
