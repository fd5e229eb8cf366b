package dev.featurestore.contracts.definition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueTypeTest {
    @Test
    void everyScalarTypeHasAListType() {
        assertThat(ValueType.names()).containsExactly("BOOL", "INT32", "INT64", "FLOAT32", "FLOAT64", "STRING", "BYTES", "UNIX_TIMESTAMP",
                "BOOL_LIST", "INT32_LIST", "INT64_LIST", "FLOAT32_LIST", "FLOAT64_LIST", "STRING_LIST", "BYTES_LIST", "UNIX_TIMESTAMP_LIST");
        for (ValueType type : ValueType.values()) {
            assertThat(type.isList()).isEqualTo(type.name().endsWith("_LIST"));
            assertThat(type.elementType().isList()).isFalse();
        }
    }

    @Test
    void listTypeNamesItsElementType() {
        assertThat(ValueType.FLOAT32_LIST.elementType()).isEqualTo(ValueType.FLOAT32);
        assertThat(ValueType.UNIX_TIMESTAMP_LIST.elementType()).isEqualTo(ValueType.UNIX_TIMESTAMP);
        assertThat(ValueType.INT64.elementType()).isEqualTo(ValueType.INT64);
    }

    @Test
    void parsesExactNamesOnly() {
        assertThat(ValueType.parse("FLOAT64")).contains(ValueType.FLOAT64);
        assertThat(ValueType.parse("float64")).isEmpty();
        assertThat(ValueType.parse("FLOAT")).isEmpty();
    }
}
