package dev.featurestore.contracts.online;

import static dev.featurestore.contracts.definition.ValueType.BOOL;
import static dev.featurestore.contracts.definition.ValueType.BOOL_LIST;
import static dev.featurestore.contracts.definition.ValueType.BYTES;
import static dev.featurestore.contracts.definition.ValueType.BYTES_LIST;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64_LIST;
import static dev.featurestore.contracts.definition.ValueType.INT32;
import static dev.featurestore.contracts.definition.ValueType.INT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.INT64_LIST;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.STRING_LIST;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The online record format, pinned: golden vectors ({@code src/test/resources/online/records-v1.txt}, one
 * {@code case hex} per line) that every writer and reader of any version must keep producing and reading,
 * and one vector assembled here byte by byte from the documented layout.
 */
class OnlineRecordCodecTest {
    private static final Instant EVENT = Instant.parse("2026-11-21T10:15:30.123456Z");
    private static final Instant CREATED = Instant.parse("2026-11-21T10:16:00Z");
    private static final String GOLDEN_FINGERPRINT = "717de7479237072b";

    @Test
    void layoutIsTheDocumentedOneByteByByte() {
        OnlineSchema schema = schema(FLOAT64, FLOAT64);
        byte[] encoded = OnlineRecordCodec.encode(schema, new OnlineRecord(EVENT, null, Arrays.asList(null, 1.5)));

        ByteBuffer expected = ByteBuffer.allocate(25 + 1 + 8);
        expected.put((byte) 1);
        expected.putLong(schema.fingerprint());
        expected.putLong(1_795_256_130_123_456L);   // 2026-11-21T10:15:30.123456Z in microseconds
        expected.putLong(Long.MIN_VALUE);           // no created timestamp
        expected.put((byte) 0b01);                  // field 0 is null
        expected.putDouble(1.5);
        assertThat(encoded).isEqualTo(expected.array());
        assertThat(OnlineRecordCodec.eventTimestamp(encoded)).isEqualTo(EVENT);
    }

    @Test
    void fingerprintIsTheFirstEightBytesOfSha256OverTheCanonicalText() {
        OnlineSchema schema = new OnlineSchema(List.of(new OnlineField("conv_rate", FLOAT32), new OnlineField("trips", INT64)));

        assertThat(schema.canonicalText()).isEqualTo("conv_rate:FLOAT32\ntrips:INT64\n");
        // sha256("conv_rate:FLOAT32\ntrips:INT64\n"), first 8 bytes, computed with Python's hashlib
        assertThat(schema.fingerprintHex()).isEqualTo(GOLDEN_FINGERPRINT);
        assertThat(OnlineSchema.parse(schema.canonicalText())).isEqualTo(schema);
        assertThat(OnlineSchema.parse("")).isEqualTo(new OnlineSchema(List.of()));
        assertThatThrownBy(() -> OnlineSchema.parse("conv_rate:FLOAT32\ntrips\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void goldenVectorsEncodeAndDecodeExactly() throws IOException {
        Map<String, String> golden = goldenVectors();
        Map<String, Case> cases = cases();

        assertThat(golden.keySet()).containsExactlyInAnyOrderElementsOf(cases.keySet());
        cases.forEach((name, testCase) -> {
            byte[] encoded = OnlineRecordCodec.encode(testCase.schema(), testCase.record());
            assertThat(HexFormat.of().formatHex(encoded)).as(name).isEqualTo(golden.get(name));
            OnlineRecord decoded = OnlineRecordCodec.decode(HexFormat.of().parseHex(golden.get(name)), testCase.schema());
            assertThat(comparable(decoded)).as(name).isEqualTo(comparable(testCase.record()));
        });
    }

    @Test
    void aFloatFeatureCostsAtMostSixteenBytesWithTheHeader() {
        for (int features : new int[] {10, 50}) {
            OnlineSchema schema = schema(IntStream.range(0, features).mapToObj(index -> FLOAT64).toArray(ValueType[]::new));
            List<Object> values = IntStream.range(0, features).mapToObj(index -> (Object) (index * 0.25)).toList();

            byte[] encoded = OnlineRecordCodec.encode(schema, new OnlineRecord(EVENT, CREATED, values));

            assertThat(encoded).hasSize(25 + (features + 7) / 8 + 8 * features);
            assertThat((double) encoded.length / features).isLessThanOrEqualTo(16.0);
        }
    }

    @Test
    void recordWrittenBeforeFieldsWereAddedDecodesWithTheNewSchema() {
        OnlineSchema before = new OnlineSchema(List.of(new OnlineField("conv_rate", FLOAT32), new OnlineField("trips", INT32),
                new OnlineField("city", STRING)));
        OnlineSchema after = new OnlineSchema(List.of(new OnlineField("acc_rate", FLOAT64), new OnlineField("conv_rate", FLOAT64),
                new OnlineField("trips", INT64), new OnlineField("city", BOOL)));
        byte[] written = OnlineRecordCodec.encode(before, new OnlineRecord(EVENT, CREATED, List.of(0.5f, 7, "Oslo")));

        OnlineRecord read = OnlineRecordCodec.decode(written, before, after);

        // added: null; widened: converted; retyped incompatibly: null
        assertThat(read.values()).containsExactly(null, 0.5, 7L, null);
        assertThat(read.eventTimestamp()).isEqualTo(EVENT);
        assertThat(read.createdTimestamp()).isEqualTo(CREATED);
        assertThat(OnlineRecordCodec.decode(written, before, before).values()).containsExactly(0.5f, 7, "Oslo");
    }

    @Test
    void recordOfAnotherSchemaTruncatedOrOfAnotherVersionIsRejected() {
        OnlineSchema schema = schema(FLOAT64, STRING);
        byte[] encoded = OnlineRecordCodec.encode(schema, new OnlineRecord(EVENT, null, List.of(1.0, "abc")));

        assertThatThrownBy(() -> OnlineRecordCodec.decode(encoded, schema(FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(schema.fingerprintHex());
        assertThatThrownBy(() -> OnlineRecordCodec.decode(Arrays.copyOf(encoded, encoded.length - 1), schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> OnlineRecordCodec.decode(Arrays.copyOf(encoded, encoded.length + 1), schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its last value");
        assertThatThrownBy(() -> OnlineRecordCodec.decode(new byte[10], schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header");
        byte[] otherVersion = encoded.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> OnlineRecordCodec.decode(otherVersion, schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
    }

    @Test
    void valueOfAnotherTypeIsRejectedNamingTheField() {
        OnlineSchema schema = new OnlineSchema(List.of(new OnlineField("trips", INT64), new OnlineField("rate", FLOAT64)));

        assertThatThrownBy(() -> OnlineRecordCodec.encode(schema, new OnlineRecord(EVENT, null, List.of(1L, 1.5f))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rate'").hasMessageContaining("Float");
        assertThatThrownBy(() -> OnlineRecordCodec.encode(schema, new OnlineRecord(EVENT, null, List.of(1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values, schema 2 fields");
        assertThatThrownBy(() -> new OnlineSchema(List.of(new OnlineField("a", INT64), new OnlineField("a", INT32))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' appears twice");
    }

    @Test
    void newerWinsComparesEventThenCreatedTimestamps() {
        OnlineRecord base = new OnlineRecord(EVENT, CREATED, List.of());

        assertThat(base.supersedes(new OnlineRecord(EVENT, CREATED, List.of()))).isTrue();
        assertThat(base.supersedes(new OnlineRecord(EVENT, null, List.of()))).isTrue();
        assertThat(base.supersedes(new OnlineRecord(EVENT, CREATED.plusNanos(1_000), List.of()))).isFalse();
        assertThat(base.supersedes(new OnlineRecord(EVENT.plusNanos(1_000), null, List.of()))).isFalse();
        assertThat(new OnlineRecord(EVENT, null, List.of()).supersedes(base)).isFalse();
    }

    /** Regenerates the golden file: run with -Dgolden.write=true, then review the diff by hand. */
    @Test
    void writeGoldenVectorsWhenAsked() throws IOException {
        if (!Boolean.getBoolean("golden.write")) {
            return;
        }
        StringBuilder text = new StringBuilder("# online record format v1: case hex (see OnlineRecordCodecTest)\n");
        cases().forEach((name, testCase) -> text.append(name).append(' ')
                .append(HexFormat.of().formatHex(OnlineRecordCodec.encode(testCase.schema(), testCase.record()))).append('\n'));
        Files.writeString(Path.of("src/test/resources/online/records-v1.txt"), text);
    }

    static Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("empty-schema", new Case(schema(), new OnlineRecord(EVENT, null, List.of())));
        cases.put("floats-10", new Case(schema(FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64),
                new OnlineRecord(EVENT, CREATED, List.of(0.0, -0.0, 1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
                        Double.POSITIVE_INFINITY, 1e-300, 123456.789))));
        cases.put("every-scalar", new Case(schema(BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES, UNIX_TIMESTAMP),
                new OnlineRecord(Instant.parse("1969-12-31T23:59:59.999999Z"), CREATED, List.of(true, Integer.MIN_VALUE, Long.MAX_VALUE,
                        3.25f, -1.0, "Zürich {1}", new byte[] {0, -1, 127}, Instant.parse("2001-02-03T04:05:06.000007Z")))));
        cases.put("every-scalar-null", new Case(schema(BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES, UNIX_TIMESTAMP, INT64),
                new OnlineRecord(EVENT, null, Arrays.asList(null, null, null, null, null, null, null, null, 9L))));
        cases.put("every-list", new Case(schema(BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                UNIX_TIMESTAMP_LIST),
                new OnlineRecord(EVENT, CREATED, List.of(List.of(true, false), Arrays.asList(1, null, 3), List.of(), List.of(0.5f),
                        Arrays.asList(null, null), List.of("a", ""), List.of(new byte[] {1}, new byte[0]), List.of(EVENT)))));
        cases.put("long-string", new Case(schema(STRING), new OnlineRecord(EVENT, null, List.of("x".repeat(300)))));
        return cases;
    }

    static OnlineSchema schema(ValueType... types) {
        return new OnlineSchema(IntStream.range(0, types.length).mapToObj(index -> new OnlineField("f" + index, types[index])).toList());
    }

    private static Map<String, String> goldenVectors() throws IOException {
        try (InputStream input = OnlineRecordCodecTest.class.getResourceAsStream("/online/records-v1.txt")) {
            assertThat(input).as("golden vectors file").isNotNull();
            return new String(input.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(" ", 2))
                    .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1], (a, b) -> a, LinkedHashMap::new));
        }
    }

    /** Values with byte arrays as hex (arrays compare by identity) and NaN as text. */
    private static List<Object> comparable(OnlineRecord record) {
        List<Object> values = new ArrayList<>();
        values.add(record.eventTimestamp());
        values.add(record.createdTimestamp());
        record.values().forEach(value -> values.add(comparable(value)));
        return values;
    }

    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OnlineRecordCodecTest::comparable).toList();
        }
        return value;
    }

    record Case(OnlineSchema schema, OnlineRecord record) {
    }
}
