package dev.featurestore.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.JsonTypedValues;
import feast.proto.types.ValueProto;
import feast.proto.types.ValueProto.Value;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtoValuesTest {
    private static final ProtoValues.TypeLookup UNKNOWN = Optional::empty;

    @Test
    void requestValuesBecomeWhatJsonGivesAndConvertToTheDeclaredType() {
        assertThat(JsonTypedValues.convert(ProtoValues.toRequestValue(Value.newBuilder().setInt32Val(7).build()), ValueType.INT64)).isEqualTo(7L);
        assertThat(JsonTypedValues.convert(ProtoValues.toRequestValue(Value.newBuilder().setFloatVal(0.5f).build()), ValueType.FLOAT64)).isEqualTo(0.5);
        assertThat(JsonTypedValues.convert(ProtoValues.toRequestValue(Value.newBuilder().setBytesVal(ByteString.copyFrom(new byte[] {1, 2})).build()),
                ValueType.BYTES)).isEqualTo(new byte[] {1, 2});
        // Feast's unix_timestamp_val is epoch seconds (an int64_val for a timestamp is epoch milliseconds, as in JSON)
        assertThat(JsonTypedValues.convert(ProtoValues.toRequestValue(Value.newBuilder().setUnixTimestampVal(1_700_000_000L).build()), ValueType.UNIX_TIMESTAMP))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(JsonTypedValues.convert(ProtoValues.toRequestValue(Value.newBuilder().setDoubleListVal(ValueProto.DoubleList.newBuilder().addVal(1.5)).build()),
                ValueType.FLOAT32_LIST)).isEqualTo(List.of(1.5f));
        assertThat(ProtoValues.toRequestValue(Value.getDefaultInstance())).isNull();
        assertThat(ProtoValues.toRequestValue(Value.newBuilder().setNullVal(ValueProto.Null.NULL).build())).isNull();
    }

    @Test
    void wrongTypesAndKindsNoFeatureHasAreRefusedSayingWhat() {
        Object text = ProtoValues.toRequestValue(Value.newBuilder().setStringVal("1001").build());
        assertThatThrownBy(() -> JsonTypedValues.convert(text, ValueType.INT64)).hasMessageContaining("not of type INT64");
        Object fraction = ProtoValues.toRequestValue(Value.newBuilder().setDoubleVal(1.5).build());
        assertThatThrownBy(() -> JsonTypedValues.convert(fraction, ValueType.INT64)).hasMessageContaining("not of type INT64");
        assertThatThrownBy(() -> ProtoValues.toRequestValue(Value.newBuilder().setJsonVal("{}").build())).hasMessageContaining("json_val");
        assertThatThrownBy(() -> ProtoValues.toRequestValue(Value.newBuilder().setUnixTimestampVal(Long.MAX_VALUE).build()))
                .hasMessageContaining("epoch seconds");
    }

    @Test
    void answeredValuesTakeTheirTypesFeastValue() {
        assertThat(ProtoValues.toProto(5, UNKNOWN).getInt32Val()).isEqualTo(5);
        assertThat(ProtoValues.toProto(5L, UNKNOWN).getInt64Val()).isEqualTo(5L);
        assertThat(ProtoValues.toProto(0.5f, UNKNOWN).getFloatVal()).isEqualTo(0.5f);
        assertThat(ProtoValues.toProto(0.5, UNKNOWN).getDoubleVal()).isEqualTo(0.5);
        assertThat(ProtoValues.toProto(Instant.parse("2026-01-01T00:00:00.900Z"), UNKNOWN).getUnixTimestampVal())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
        assertThat(ProtoValues.toProto(List.of(Instant.EPOCH), UNKNOWN).getUnixTimestampListVal().getValList()).containsExactly(0L);
        assertThat(ProtoValues.toProto(List.of(new byte[] {9}), UNKNOWN).getBytesListVal().getVal(0)).isEqualTo(ByteString.copyFrom(new byte[] {9}));
        assertThat(ProtoValues.toProto(Arrays.asList(1L, null), UNKNOWN).getListVal().getValList())
                .containsExactly(Value.newBuilder().setInt64Val(1L).build(), Value.getDefaultInstance());
        assertThat(ProtoValues.toProto(null, UNKNOWN)).isEqualTo(Value.getDefaultInstance());
    }

    @Test
    void anEmptyListTakesItsDeclaredTypeWhenKnown() {
        assertThat(ProtoValues.toProto(List.of(), () -> Optional.of(ValueType.FLOAT32_LIST)).getValCase()).isEqualTo(Value.ValCase.FLOAT_LIST_VAL);
        assertThat(ProtoValues.toProto(List.of(), () -> Optional.of(ValueType.UNIX_TIMESTAMP_LIST)).getValCase()).isEqualTo(Value.ValCase.UNIX_TIMESTAMP_LIST_VAL);
        assertThat(ProtoValues.toProto(List.of(), UNKNOWN).getValCase()).isEqualTo(Value.ValCase.LIST_VAL);
    }
}
