package dev.featurestore.offlinestore;

import static dev.featurestore.contracts.definition.ValueType.INT32_LIST;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LIST columns in the layouts other writers use: pyarrow's older 'item' naming, and the legacy 2-level forms. */
class ParquetListLayoutsTest {
    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();

    @Test
    void readsThreeLevelListsWithAnotherElementName() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { optional group zones (LIST) { repeated group list { optional int32 item; } } }");
        StorageUri uri = write("pyarrow.parquet", schema, factory -> {
            Group full = factory.newGroup();
            Group list = full.addGroup("zones");
            list.addGroup("list").append("item", 5);
            list.addGroup("list");
            list.addGroup("list").append("item", 6);
            Group empty = factory.newGroup();
            empty.addGroup("zones");
            return List.of(full, empty, factory.newGroup());
        });

        List<Row> rows = new ParquetScanner(store).readAll(ScanRequest.of(uri));

        assertThat(rows.get(0).schema()).isEqualTo(RowSchema.of(column("zones", INT32_LIST)));
        assertThat(rows).extracting(row -> row.get("zones")).containsExactly(Arrays.asList(5, null, 6), List.of(), null);
    }

    @Test
    void readsLegacyTwoLevelListsOfARepeatedPrimitive() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional group zones (LIST) { repeated int32 array; } }");
        StorageUri uri = write("two-level.parquet", schema, factory -> {
            Group full = factory.newGroup();
            full.addGroup("zones").append("array", 1).append("array", 2);
            Group empty = factory.newGroup();
            empty.addGroup("zones");
            return List.of(full, empty, factory.newGroup());
        });

        List<Row> rows = new ParquetScanner(store).readAll(ScanRequest.of(uri));

        assertThat(rows.get(0).schema()).isEqualTo(RowSchema.of(column("zones", INT32_LIST)));
        assertThat(rows).extracting(row -> row.get("zones")).containsExactly(List.of(1, 2), List.of(), null);
    }

    @Test
    void readsLegacyListsOfAOneFieldGroupNamedArray() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required group zones (LIST) { repeated group array { required int32 zone; } } }");
        StorageUri uri = write("avro.parquet", schema, factory -> {
            Group full = factory.newGroup();
            Group list = full.addGroup("zones");
            list.addGroup("array").append("zone", 3);
            list.addGroup("array").append("zone", 4);
            Group empty = factory.newGroup();
            empty.addGroup("zones");
            return List.of(full, empty);
        });

        List<Row> rows = new ParquetScanner(store).readAll(ScanRequest.of(uri));

        assertThat(rows).extracting(row -> row.get("zones")).containsExactly(List.of(3, 4), List.of());
    }

    private StorageUri write(String name, MessageType schema, Function<SimpleGroupFactory, List<Group>> rows) throws IOException {
        return ExampleGroupFiles.write(store, StorageUri.of(directory.resolve(name)), schema, UnaryOperator.identity(),
                rows.apply(new SimpleGroupFactory(schema)));
    }
}
