package dev.featurestore.contracts.online;

import static dev.featurestore.contracts.definition.ValueType.BOOL;
import static dev.featurestore.contracts.definition.ValueType.BYTES;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT32;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.JoinKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineKeysTest {
    private static final JoinKey DRIVER = new JoinKey("driver_id", INT64);
    private static final JoinKey CITY = new JoinKey("city", STRING);

    @Test
    void recordKeyCarriesTheEntityKeyAsItsHashTag() {
        assertThat(OnlineKeys.recordKey("shop", "driver_hourly", List.of(DRIVER), List.of(1001L))).isEqualTo("fs:shop:driver_hourly:{driver_id=1001}");
        assertThat(OnlineKeys.recordKey("shop", "driver_daily", List.of(DRIVER), List.of(1001L))).isEqualTo("fs:shop:driver_daily:{driver_id=1001}");
        assertThat(OnlineKeys.recordKey("shop", "trips", List.of(DRIVER, CITY), List.of(-7L, "Oslo")))
                .isEqualTo("fs:shop:trips:{driver_id=-7,city=Oslo}");
    }

    @Test
    void everyKeyTypeHasOneSpelling() {
        List<JoinKey> keys = List.of(new JoinKey("a", INT32), new JoinKey("b", BOOL), new JoinKey("c", BYTES), new JoinKey("d", STRING));

        assertThat(OnlineKeys.entityKey(keys, List.of(42, true, new byte[] {0, (byte) 0xab}, "x")))
                .isEqualTo("a=42,b=true,c=0x00ab,d=x");
    }

    @Test
    void stringsCannotBreakTheHashTagOrTheSeparators() {
        assertThat(OnlineKeys.entityKey(List.of(CITY), List.of("a}b{c,d=e%f\ng Zürich")))
                .isEqualTo("city=a%7Db%7Bc%2Cd%3De%25f%0Ag Z%C3%BCrich");
    }

    @Test
    void nullWrongTypeAndUnkeyableTypesAreNamed() {
        assertThatThrownBy(() -> OnlineKeys.entityKey(List.of(DRIVER), Arrays.asList((Object) null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'driver_id' is null");
        assertThatThrownBy(() -> OnlineKeys.entityKey(List.of(DRIVER), List.of(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'driver_id'").hasMessageContaining("Integer");
        assertThatThrownBy(() -> OnlineKeys.entityKey(List.of(new JoinKey("score", FLOAT64)), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'score' of type FLOAT64");
        assertThatThrownBy(() -> OnlineKeys.entityKey(List.of(DRIVER, CITY), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 join keys, 1 values");
    }

    @Test
    void keyTypesAreTheOnesWithASpelling() {
        assertThat(List.of(INT32, INT64, BOOL, STRING, BYTES)).allMatch(OnlineKeys::isKeyType);
        assertThat(OnlineKeys.isKeyType(FLOAT64)).isFalse();
    }

    @Test
    void schemaKeyNamesTheFingerprintInHex() {
        assertThat(OnlineKeys.schemaKey(0x717de7479237072bL)).isEqualTo("fs:schema:717de7479237072b");
        assertThat(OnlineKeys.schemaKey(-1L)).isEqualTo("fs:schema:ffffffffffffffff");
    }
}
