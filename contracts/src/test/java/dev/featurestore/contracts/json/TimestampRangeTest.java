package dev.featurestore.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampRangeTest {
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
    private final TimestampRange range = new TimestampRange(Duration.ofHours(1));

    @Test
    void acceptsTimestampsFrom1900ToTheSkewAfterNow() {
        assertThat(range.parse("1900-01-01T00:00:00Z", NOW)).isEqualTo(TimestampRange.EARLIEST);
        assertThat(range.parse("2026-12-07T15:00:00Z", NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(range.parse(NOW.toEpochMilli(), NOW)).isEqualTo(NOW);
    }

    @Test
    void refusesTheFarFutureAndTheFarPast() {
        assertThatThrownBy(() -> range.parse("+99999-01-01T00:00:00Z", NOW)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> range.parse("2026-12-07T15:00:00.001Z", NOW))
                .hasMessage("2026-12-07T15:00:00.001Z is more than PT1H after now (latest accepted: 2026-12-07T15:00:00Z)");
        assertThatThrownBy(() -> range.parse("1899-12-31T23:59:59Z", NOW))
                .hasMessage("1899-12-31T23:59:59Z is before 1900-01-01T00:00:00Z, the earliest timestamp accepted");
        assertThatThrownBy(() -> range.parse("-5000-01-01T00:00:00Z", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesEpochMillisecondsThatOverflow() {
        assertThatThrownBy(() -> range.parse(1_000_000_000_000_000_000L, NOW)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> range.parse(Long.MAX_VALUE, NOW)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> range.parse(Long.MIN_VALUE, NOW)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> range.parse(BigInteger.TWO.pow(63), NOW)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> range.parse(BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE), NOW)).hasMessageContaining("is outside");
    }

    @Test
    void refusesANegativeSkew() {
        assertThatThrownBy(() -> new TimestampRange(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
