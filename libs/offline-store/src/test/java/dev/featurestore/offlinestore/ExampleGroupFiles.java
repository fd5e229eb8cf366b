package dev.featurestore.offlinestore;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;

/** Parquet files in layouts our writer does not produce, written with parquet-java's example {@link Group} writer. */
final class ExampleGroupFiles {
    private ExampleGroupFiles() {
    }

    /** Writes {@code rows} of {@code schema} to {@code uri}; {@code options} adjusts the writer (pages, row groups, version). */
    static StorageUri write(ObjectStore store, StorageUri uri, MessageType schema, UnaryOperator<ExampleParquetWriter.Builder> options,
            List<Group> rows) throws IOException {
        ObjectWriter objectWriter = store.create(uri);
        try (ParquetWriter<Group> writer = options.apply(ExampleParquetWriter.builder(new ObjectOutputFile(uri, objectWriter))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withType(schema)).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
        objectWriter.commit();
        return uri;
    }
}
