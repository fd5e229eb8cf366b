package dev.featurestore.contracts.json;

import static dev.featurestore.contracts.definition.ValueType.BOOL;
import static dev.featurestore.contracts.definition.ValueType.BYTES;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT32;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.INT64_LIST;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTypedValuesTest {
    @Test
    void convertsJsonValuesToEachTypesJavaType() {
        assertThat(JsonTypedValues.convert(true, BOOL)).isEqualTo(true);
        assertThat(JsonTypedValues.convert(7, INT32)).isEqualTo(7);
        assertThat(JsonTypedValues.convert(7, INT64)).isEqualTo(7L);
        assertThat(JsonTypedValues.convert(new BigDecimal("12.000"), INT64)).isEqualTo(12L);
        assertThat(JsonTypedValues.convert(2, FLOAT64)).isEqualTo(2.0);
        assertThat(JsonTypedValues.convert(0.5, FLOAT32)).isEqualTo(0.5f);
        assertThat(JsonTypedValues.convert("Oslo", STRING)).isEqualTo("Oslo");
        assertThat((byte[]) JsonTypedValues.convert("AP8=", BYTES)).containsExactly(0, -1);
        assertThat(JsonTypedValues.convert("2026-11-21T12:00:00+02:00", UNIX_TIMESTAMP)).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(JsonTypedValues.convert(1_000L, UNIX_TIMESTAMP)).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(JsonTypedValues.convert(Arrays.asList(1, null, 3L), INT64_LIST)).isEqualTo(Arrays.asList(1L, null, 3L));
        assertThat(JsonTypedValues.convert(null, INT64)).isNull();
    }

    @Test
    void saysWhatIsWrongWithAValue() {
        assertThatThrownBy(() -> JsonTypedValues.convert("1001", INT64)).isInstanceOf(IllegalArgumentException.class).hasMessage("'1001' is not of type INT64");
        assertThatThrownBy(() -> JsonTypedValues.convert(1.5, INT64)).isInstanceOf(IllegalArgumentException.class).hasMessage("1.5 is not of type INT64");
        assertThatThrownBy(() -> JsonTypedValues.convert(3_000_000_000L, INT32)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT32 range");
        assertThatThrownBy(() -> JsonTypedValues.convert(new BigInteger("99999999999999999999"), INT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT64 range");
        assertThatThrownBy(() -> JsonTypedValues.convert("yesterday", UNIX_TIMESTAMP)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> JsonTypedValues.convert("@@", BYTES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> JsonTypedValues.convert(List.of(1, "x"), INT64_LIST)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("element 1: 'x' is not of type INT64");
        assertThatThrownBy(() -> JsonTypedValues.convert(1, INT64_LIST)).isInstanceOf(IllegalArgumentException.class).hasMessage("1 is not of type INT64_LIST");
    }

    @Test
    void toJsonIsTheInverseOfConvert() {
        Instant at = Instant.parse("2026-11-21T10:15:30.123Z");
        byte[] bytes = {1, 2, 3};

        assertThat(JsonTypedValues.toJson(at)).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(JsonTypedValues.toJson(bytes)).isEqualTo("AQID");
        assertThat(JsonTypedValues.toJson(Arrays.asList(at, null))).isEqualTo(Arrays.asList("2026-11-21T10:15:30.123Z", null));
        assertThat(JsonTypedValues.toJson(7L)).isEqualTo(7L);
        assertThat(JsonTypedValues.convert(JsonTypedValues.toJson(at), UNIX_TIMESTAMP)).isEqualTo(at);
        assertThat((byte[]) JsonTypedValues.convert(JsonTypedValues.toJson(bytes), BYTES)).containsExactly(1, 2, 3);
    }
}
