package dev.featurestore.cli.data;

import dev.featurestore.cli.CliException;
import dev.featurestore.cli.Json;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A finished training set (a historical job's part files, {@code part-NNNNN.parquet}, in entity-row order) read from
 * the S3 API and written to one local file: Parquet or CSV by the file's extension. The file appears whole or not
 * at all.
 */
public final class TrainingSetDownload {
    private TrainingSetDownload() {
    }

    /**
     * @param outputSchema the job's {@code output_schema} ({@code [{name, dtype}]})
     * @return how many rows were written
     */
    public static long download(ObjectStore s3, List<String> partFiles, RowSchema outputSchema, Path target) {
        EntityFile.Format format = EntityFile.Format.of(target);
        if (format == null) {
            throw new CliException("-o: '%s' is neither a .parquet nor a .csv file".formatted(target));
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        catch (IOException e) {
            throw new CliException("cannot write %s: %s".formatted(target, e.getMessage()), e);
        }
        ParquetScanner scanner = new ParquetScanner(s3);
        List<String> names = outputSchema.names();
        try {
            return format == EntityFile.Format.PARQUET ? parquet(scanner, partFiles, outputSchema, names, target) : csv(scanner, partFiles, outputSchema, names, target);
        }
        catch (CliException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new CliException("cannot read the training set from %s: %s".formatted(partFiles.isEmpty() ? "S3" : partFiles.get(0), Json.firstLine(e.getMessage())), e);
        }
    }

    private static long parquet(ParquetScanner scanner, List<String> parts, RowSchema schema, List<String> names, Path target) {
        long[] rows = {0};
        try (LocalObjectStore local = new LocalObjectStore();
                ParquetRowWriter writer = ParquetRowWriter.create(local, StorageUri.of(target), schema, ParquetWriteOptions.DEFAULTS)) {
            scanParts(scanner, parts, names, row -> {
                writer.write(new Row(schema, row.values()));
                rows[0]++;
            });
            writer.commit();
        }
        return rows[0];
    }

    private static long csv(ParquetScanner scanner, List<String> parts, RowSchema schema, List<String> names, Path target) {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".part");
        long[] rows = {0};
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write(Csv.line(names));
            scanParts(scanner, parts, names, row -> {
                List<String> fields = new ArrayList<>(row.values().size());
                row.values().forEach(value -> fields.add(Values.format(value)));
                try {
                    writer.write(Csv.line(fields));
                }
                catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                rows[0]++;
            });
            writer.close();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException("cannot write %s: %s".formatted(target, e.getMessage()), e);
        }
        finally {
            try {
                Files.deleteIfExists(temporary);
            }
            catch (IOException e) {
                // best effort: the temporary file is hidden next to the target
            }
        }
        return rows[0];
    }

    private static void scanParts(ParquetScanner scanner, List<String> parts, List<String> names, Consumer<Row> sink) {
        for (String part : parts) {
            scanner.scan(ScanRequest.of(StorageUri.parse(part)).withColumns(names.toArray(String[]::new)), sink);
        }
    }

    /** The job's {@code output_schema} as a row schema. */
    public static RowSchema schema(com.fasterxml.jackson.databind.JsonNode outputSchema) {
        List<Column> columns = new ArrayList<>();
        outputSchema.forEach(field -> columns.add(new Column(field.path("name").asText(),
                ValueType.parse(field.path("dtype").asText()).orElseThrow(() -> new CliException(
                        "the job's output column '%s' has the unknown type '%s'".formatted(field.path("name").asText(), field.path("dtype").asText()))))));
        return new RowSchema(columns);
    }
}
