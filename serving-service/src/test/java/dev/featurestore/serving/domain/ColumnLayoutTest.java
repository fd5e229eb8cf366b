package dev.featurestore.serving.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
    private static final TimestampRange RANGE = new TimestampRange(Duration.ofHours(1));
    private static final ColumnLayout.RowLimit LIMIT = new ColumnLayout.RowLimit(3, "featurestore.serving.max-push-rows");
    private static final ColumnLayout LAYOUT = new ColumnLayout("feature view 'driver_hourly'",
            ordered("event_timestamp", ValueType.UNIX_TIMESTAMP, "created", ValueType.UNIX_TIMESTAMP, "driver_id", ValueType.INT64,
                    "conv_rate", ValueType.FLOAT64),
            Set.of("driver_id"), "event_timestamp", Optional.of("created"));

    @Test
    void typesEveryColumnAndReadsNaiveTimestampsAsUtc() {
        CheckedRows rows = LAYOUT.check(ordered("driver_id", List.of(1001, 1002), "conv_rate", Arrays.asList(0.5, null),
                "event_timestamp", List.of("2026-12-07T13:12:37", "2026-12-07 13:12:37.5"), "created", Arrays.asList(null, 1_765_113_157_000L)),
                LIMIT, RANGE, NOW);

        assertThat(rows.count()).isEqualTo(2);
        assertThat(rows.values().get("driver_id")).containsExactly(1001L, 1002L);
        assertThat(rows.values().get("conv_rate")).containsExactly(0.5, null);
        assertThat(rows.values().get("event_timestamp"))
                .containsExactly(Instant.parse("2026-12-07T13:12:37Z"), Instant.parse("2026-12-07T13:12:37.5Z"));
        assertThat(rows.values().get("created")).containsExactly(null, Instant.ofEpochMilli(1_765_113_157_000L));
        assertThat(rows.types()).containsEntry("driver_id", ValueType.INT64).containsEntry("created", ValueType.UNIX_TIMESTAMP);
    }

    @Test
    void anAbsentCreatedColumnHoldsNulls() {
        CheckedRows rows = LAYOUT.check(ordered("driver_id", List.of(1), "conv_rate", List.of(0.5), "event_timestamp", List.of("2026-12-07T13:00:00Z")),
                LIMIT, RANGE, NOW);

        assertThat(rows.values().get("created")).containsExactly((Object) null);
    }

    @Test
    void namesEveryBadColumnAndValue() {
        assertThat(errors(ordered("driver_id", Arrays.asList(1, null, "three"), "conv_rate", List.of(0.5, 0.5, 0.5), "extra", List.of(1, 2, 3),
                "event_timestamp", Arrays.asList("2026-12-07T13:00:00", null, "2026-12-07T16:00:00"), "created", List.of(1, "yesterday", -2_300_000_000_000L))))
                .extracting(FieldError::path)
                .containsExactlyInAnyOrder("df.extra", "df.driver_id[1]", "df.driver_id[2]", "df.event_timestamp[1]", "df.event_timestamp[2]",
                        "df.created[1]", "df.created[2]");
        assertThat(errors(ordered("driver_id", List.of(1), "event_timestamp", List.of("2026-12-07T13:00:00"))))
                .extracting(FieldError::path).containsExactly("df.conv_rate");
        assertThat(errors(ordered("driver_id", List.of(1, 2), "conv_rate", List.of(0.5), "event_timestamp", List.of("2026-12-07T13:00:00"))))
                .extracting(FieldError::path).containsExactly("df.conv_rate", "df.event_timestamp");
        assertThat(errors(Map.of())).extracting(FieldError::path).containsExactly("df");
    }

    @Test
    void refusesMoreRowsThanTheLimitWith413() {
        assertThatThrownBy(() -> LAYOUT.check(ordered("driver_id", List.of(1, 2, 3, 4)), LIMIT, RANGE, NOW))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> {
                    assertThat(error.code()).isEqualTo(CommonErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(error.getMessage()).contains("featurestore.serving.max-push-rows");
                });
    }

    @Test
    void refusesAJoinKeyOfATypeThatCannotKeyTheStore() {
        ColumnLayout layout = new ColumnLayout("feature view 'v'", ordered("event_timestamp", ValueType.UNIX_TIMESTAMP, "vector", ValueType.FLOAT32_LIST),
                Set.of("vector"), "event_timestamp", Optional.empty());

        assertThatThrownBy(() -> layout.check(ordered("event_timestamp", List.of("2026-12-07T13:00:00"), "vector", List.of(List.of(1.0))), LIMIT, RANGE, NOW))
                .isInstanceOfSatisfying(FeatureStoreException.class,
                        error -> assertThat(error.errors()).extracting(FieldError::path).containsExactly("df.vector"));
    }

    private static List<FieldError> errors(Map<String, List<Object>> batch) {
        try {
            LAYOUT.check(batch, LIMIT, RANGE, NOW);
        } catch (FeatureStoreException e) {
            assertThat(e.code()).isEqualTo(CommonErrorCode.INVALID_REQUEST);
            return e.errors();
        }
        throw new AssertionError("accepted " + batch);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], (V) keysAndValues[index + 1]);
        }
        return map;
    }
}
