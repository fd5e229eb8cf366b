package dev.featurestore.cli.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvValuesTest {
    @Test
    void readsQuotedFieldsAcrossLinesAndKnowsWhereEachRecordStarts() throws IOException {
        String text = "\uFEFFid,comment,score\r\n1,\"says \"\"hi\"\", twice\",0.5\n\n2,\"two\nlines\",\n";
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (Csv.Reader reader = Csv.open(new StringReader(text))) {
            for (List<String> record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
                lines.add(reader.line());
            }
        }

        assertThat(records).containsExactly(List.of("id", "comment", "score"), List.of("1", "says \"hi\", twice", "0.5"), List.of("2", "two\nlines", ""));
        assertThat(lines).containsExactly(1, 2, 4);
        assertThat(Csv.line(List.of("a", "b,c", "say \"x\"", ""))).isEqualTo("a,\"b,c\",\"say \"\"x\"\"\",\n");
    }

    @Test
    void valuesTakeTheirDeclaredTypes() {
        assertThat(Values.parse("1001", ValueType.INT64)).isEqualTo(1001L);
        assertThat(Values.parse("7", ValueType.INT32)).isEqualTo(7);
        assertThat(Values.parse("0.25", ValueType.FLOAT32)).isEqualTo(0.25f);
        assertThat(Values.parse("true", ValueType.BOOL)).isEqualTo(true);
        assertThat(Values.parse("", ValueType.INT64)).isNull();
        assertThat(Values.parse("[1, 2, null]", ValueType.INT32_LIST)).isEqualTo(java.util.Arrays.asList(1, 2, null));
        Instant expected = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(Values.parse("2026-11-21T10:00:00Z", ValueType.UNIX_TIMESTAMP)).isEqualTo(expected);
        assertThat(Values.parse("2026-11-21T11:00:00+01:00", ValueType.UNIX_TIMESTAMP)).isEqualTo(expected);
        assertThat(Values.parse("2026-11-21 10:00:00", ValueType.UNIX_TIMESTAMP)).isEqualTo(expected);
        assertThat(Values.parse("2026-11-21 10:00:00+00:00", ValueType.UNIX_TIMESTAMP)).isEqualTo(expected);
        assertThat(Values.parse(String.valueOf(expected.toEpochMilli()), ValueType.UNIX_TIMESTAMP)).isEqualTo(expected);
        assertThat(Values.parse("2026-11-21", ValueType.UNIX_TIMESTAMP)).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThatThrownBy(() -> Values.parse("abc", ValueType.INT64)).hasMessage("'abc' is not an INT64");
        assertThatThrownBy(() -> Values.parse("yesterday", ValueType.UNIX_TIMESTAMP)).hasMessage("'yesterday' is not an UNIX_TIMESTAMP");
    }

    @Test
    void undeclaredColumnsAreTypedByTheirValues() {
        assertThat(infer("1", "-2", "")).isEqualTo(ValueType.INT64);
        assertThat(infer("1", "2.5")).isEqualTo(ValueType.FLOAT64);
        assertThat(infer("true", "FALSE")).isEqualTo(ValueType.BOOL);
        assertThat(infer("C001", "2")).isEqualTo(ValueType.STRING);
        assertThat(infer("", "")).isEqualTo(ValueType.STRING);
    }

    private static ValueType infer(String... values) {
        EntityFile.Inference inference = new EntityFile.Inference();
        for (String value : values) {
            inference.see(value);
        }
        return inference.type();
    }
}
