package dev.featurestore.contracts.definition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureDurationTest {
    @ParameterizedTest
    @CsvSource({
            "26h, PT26H",
            "5m, PT5M",
            "7d, PT168H",
            "30s, PT30S",
            "250ms, PT0.25S",
            "1h30m, PT1H30M",
            "PT6H, PT6H",
            "P1D, PT24H",
            "0, PT0S",
            "0s, PT0S",
            "-5m, PT-5M",
    })
    void parsesShortAndIsoForms(String text, String expected) {
        FeatureDuration duration = FeatureDuration.parse(text);

        assertThat(duration.duration()).isEqualTo(Duration.parse(expected));
        assertThat(duration.text()).isEqualTo(text);
        assertThat(duration).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2 days", "5", "h", "5x", "1.5h", "P1M", "PT", "26H", "1h 30m"})
    void rejectsTextThatIsNotADuration(String text) {
        assertThat(FeatureDuration.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> FeatureDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'%s' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')".formatted(text));
    }

    @Test
    void zeroMeansNoLimit() {
        assertThat(FeatureDuration.parse("0").isZero()).isTrue();
        assertThat(FeatureDuration.parse("1s").isZero()).isFalse();
    }

    @Test
    void equalityIsOnTheWrittenText() {
        assertThat(FeatureDuration.parse("1h")).isEqualTo(FeatureDuration.parse("1h")).isNotEqualTo(FeatureDuration.parse("60m"));
    }

    @Test
    void durationBuiltFromJavaDurationIsWrittenInIsoForm() {
        assertThat(FeatureDuration.of(Duration.ofHours(6)).text()).isEqualTo("PT6H");
        assertThat(FeatureDuration.of(Duration.ZERO).text()).isEqualTo("0");
    }
}
