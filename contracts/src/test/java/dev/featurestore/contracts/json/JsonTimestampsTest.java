package dev.featurestore.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTimestampsTest {
    private static final Instant SECOND = Instant.parse("2026-12-07T13:12:37Z");

    @Test
    void readsRfc3339WithAnyOffset() {
        assertThat(JsonTimestamps.parse("2026-12-07T13:12:37Z")).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse("2026-12-07t13:12:37z")).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse("2026-12-07T14:12:37+01:00")).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse("2026-12-07T08:12:37.25-05:00")).isEqualTo(SECOND.plusMillis(250));
        assertThat(JsonTimestamps.parse("2026-12-07T13:12:37.123456789Z")).isEqualTo(SECOND.plusNanos(123_456_789));
    }

    @Test
    void readsNaiveIsoTextAsUtcAsFeastClientsSendIt() {
        // Python: datetime(2026, 12, 7, 13, 12, 37).isoformat() and str(...)
        assertThat(JsonTimestamps.parse("2026-12-07T13:12:37")).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse("2026-12-07 13:12:37")).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse("2026-12-07T13:12:37.5")).isEqualTo(SECOND.plusMillis(500));
        assertThat(JsonTimestamps.parse("2026-12-07 13:12:37.123456")).isEqualTo(SECOND.plusNanos(123_456_000));
        assertThat(JsonTimestamps.parse("2026-12-07T13:12:37.000001")).isEqualTo(SECOND.plusNanos(1_000));
        // pandas: str(pd.Timestamp("2026-12-07 13:12:37", tz="UTC"))
        assertThat(JsonTimestamps.parse("2026-12-07 13:12:37+00:00")).isEqualTo(SECOND);
    }

    @Test
    void readsIntegersAsEpochMilliseconds() {
        assertThat(JsonTimestamps.parse(SECOND.toEpochMilli())).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse((int) 1_000)).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(JsonTimestamps.parse(BigInteger.valueOf(SECOND.toEpochMilli()))).isEqualTo(SECOND);
        assertThat(JsonTimestamps.parse(new BigDecimal("1000.0"))).isEqualTo(Instant.ofEpochSecond(1));
    }

    @Test
    void keepsTheBounds() {
        assertThat(JsonTimestamps.parse("0001-01-01T00:00:00Z")).isEqualTo(JsonTimestamps.MIN);
        assertThat(JsonTimestamps.parse("9999-12-31 23:59:59.999999")).isEqualTo(JsonTimestamps.MAX);
        assertThatThrownBy(() -> JsonTimestamps.parse("9999-12-31T23:59:59.9999999")).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> JsonTimestamps.parse("+10000-01-01T00:00:00")).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> JsonTimestamps.parse("0000-12-31T23:59:59Z")).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> JsonTimestamps.parse(1_000_000_000_000_000_000L)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> JsonTimestamps.parse(Long.MIN_VALUE)).hasMessageContaining("is outside the timestamps accepted");
        assertThatThrownBy(() -> JsonTimestamps.parse(BigInteger.TWO.pow(63))).hasMessageContaining("is outside the timestamps accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "2026-12-07", "2026-12-07T", "2026-12-07  13:12:37", "2026-12-07X13:12:37", "2026-12-07T13:12:37.",
            "2026-12-07T13:12:37.1234567891", "2026-12-07T25:00:00", "2026-02-30T00:00:00", "2026-12-07T13:12:37+25:00",
            "2026-12-07T13:12:37 +00:00", "13:12:37", "2026-12-07T13:12:37Z[UTC]", " 2026-12-07T13:12:37"})
    void refusesOtherText(String text) {
        assertThatThrownBy(() -> JsonTimestamps.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an RFC 3339 timestamp")
                .hasMessageContaining("without an offset, read as UTC");
    }

    @Test
    void refusesOtherValuesAndQuotesOnlyAPrefixOfLongText() {
        assertThatThrownBy(() -> JsonTimestamps.parse(1.5)).hasMessage("1.5 is not a timestamp (RFC 3339 or ISO 8601 text, or epoch milliseconds)");
        assertThatThrownBy(() -> JsonTimestamps.parse(true)).hasMessageContaining("is not a timestamp");
        assertThatThrownBy(() -> JsonTimestamps.parse("2026-12-07T13:12:37".repeat(100)))
                .hasMessageContaining("is not an RFC 3339 timestamp")
                .satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(300));
    }
}
