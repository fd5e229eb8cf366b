package dev.featurestore.cli.data;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.CliException;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ObjectWriter;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanPlan;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An entity file (the rows of a training set: join keys, a timestamp, any other columns such as labels) as
 * historical-service reads it: one Parquet object. A Parquet file is checked and copied as it is; a CSV file is
 * converted, its join keys and request-data columns taking the types the registry declares, its timestamp column
 * parsed as timestamps, and any other column typed by its values (integers, decimals, booleans, else text).
 */
public final class EntityFile {
    private final Path file;
    private final Format format;

    public enum Format {
        PARQUET, CSV;

        /** By the file's extension; null when it is neither. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            return null;
        }
    }

    /**
     * The rows' columns as they will be uploaded.
     *
     * @param rows how many entity rows
     */
    public record Checked(RowSchema schema, long rows) {
        public Checked {
            requireNonNull(schema, "schema is null");
        }
    }

    public EntityFile(Path file, String option) {
        this.file = requireNonNull(file, "file is null");
        this.format = Format.of(file);
        if (format == null) {
            throw new CliException("%s: '%s' is neither a .parquet nor a .csv file".formatted(option, file));
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("%s: no file %s".formatted(option, file));
        }
    }

    /**
     * Checks the file holds the timestamp column and the join keys, and (CSV) that every value reads as its type;
     * writes it as one Parquet object at {@code target}.
     *
     * @param joinKeys the join keys the features need, with their declared types
     * @param declared the request data on-demand features read, with their declared types (other columns are inferred)
     */
    public Checked upload(ObjectStore store, StorageUri target, String timestampColumn, Map<String, ValueType> joinKeys, Map<String, ValueType> declared) {
        return format == Format.PARQUET ? copyParquet(store, target, timestampColumn, joinKeys, declared) : convertCsv(store, target, timestampColumn, joinKeys, declared);
    }

    private Checked copyParquet(ObjectStore store, StorageUri target, String timestampColumn, Map<String, ValueType> joinKeys,
            Map<String, ValueType> declared) {
        RowSchema schema;
        long rows;
        try (LocalObjectStore local = new LocalObjectStore()) {
            ScanPlan plan = new ParquetScanner(local).plan(ScanRequest.of(StorageUri.of(file)));
            if (plan.objects().isEmpty()) {
                throw new CliException("%s: not a Parquet file".formatted(file));
            }
            schema = plan.objects().get(0).schema();
            rows = plan.rows();
        }
        catch (RuntimeException e) {
            if (e instanceof CliException cliException) {
                throw cliException;
            }
            throw new CliException("%s: not a readable Parquet file: %s".formatted(file, dev.featurestore.cli.Json.firstLine(e.getMessage())), e);
        }
        checkColumns(schema.names(), timestampColumn, joinKeys, declared);
        ValueType timestampType = schema.column(schema.requireIndex(timestampColumn)).type();
        if (timestampType != ValueType.UNIX_TIMESTAMP) {
            throw new CliException("%s: the timestamp column '%s' holds %s values, not timestamps".formatted(file, timestampColumn, timestampType));
        }
        try (InputStream in = Files.newInputStream(file); ObjectWriter writer = store.create(target)) {
            in.transferTo(writer);
            writer.commit();
        }
        catch (IOException e) {
            throw new CliException("cannot upload %s to %s: %s".formatted(file, target, e.getMessage()), e);
        }
        return new Checked(schema, rows);
    }

    private Checked convertCsv(ObjectStore store, StorageUri target, String timestampColumn, Map<String, ValueType> joinKeys, Map<String, ValueType> declared) {
        RowSchema schema = csvSchema(timestampColumn, joinKeys, declared);
        long rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); Csv.Reader csv = Csv.open(reader);
                ParquetRowWriter writer = ParquetRowWriter.create(store, target, schema, ParquetWriteOptions.DEFAULTS)) {
            csv.next();
            for (List<String> record = csv.next(); record != null; record = csv.next()) {
                writer.write(row(schema, record, csv.line()));
                rows++;
            }
            if (rows == 0) {
                throw new CliException("%s: no entity rows (only a header)".formatted(file));
            }
            writer.commit();
        }
        catch (IOException e) {
            throw new CliException("%s: %s".formatted(file, e.getMessage()), e);
        }
        return new Checked(schema, rows);
    }

    /** The CSV's columns and their types: read once to check the columns and infer the types of the undeclared ones. */
    private RowSchema csvSchema(String timestampColumn, Map<String, ValueType> joinKeys, Map<String, ValueType> declared) {
        List<String> header;
        Map<String, Inference> inferred = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); Csv.Reader csv = Csv.open(reader)) {
            header = csv.next();
            if (header == null) {
                throw new CliException("%s: empty file (expected a header line with the column names)".formatted(file));
            }
            header = header.stream().map(String::trim).toList();
            Set<String> seen = new HashSet<>();
            for (String name : header) {
                if (name.isEmpty() || !seen.add(name)) {
                    throw new CliException("%s:1: %s".formatted(file, name.isEmpty() ? "a column without a name" : "column '%s' appears twice".formatted(name)));
                }
            }
            checkColumns(header, timestampColumn, joinKeys, declared);
            for (String name : header) {
                if (!name.equals(timestampColumn) && !joinKeys.containsKey(name) && !declared.containsKey(name)) {
                    inferred.put(name, new Inference());
                }
            }
            for (List<String> record = csv.next(); record != null; record = csv.next()) {
                if (record.size() != header.size()) {
                    throw new CliException("%s:%d: %d values for %d columns".formatted(file, csv.line(), record.size(), header.size()));
                }
                for (int index = 0; index < header.size(); index++) {
                    Inference inference = inferred.get(header.get(index));
                    if (inference != null) {
                        inference.see(record.get(index));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new CliException("%s: %s".formatted(file, e.getMessage()), e);
        }
        List<Column> columns = new ArrayList<>();
        for (String name : header) {
            ValueType type = name.equals(timestampColumn) ? ValueType.UNIX_TIMESTAMP
                    : joinKeys.containsKey(name) ? joinKeys.get(name)
                    : declared.containsKey(name) ? declared.get(name)
                    : inferred.get(name).type();
            columns.add(new Column(name, type));
        }
        return new RowSchema(columns);
    }

    private Row row(RowSchema schema, List<String> record, int line) {
        if (record.size() != schema.size()) {
            throw new CliException("%s:%d: %d values for %d columns".formatted(file, line, record.size(), schema.size()));
        }
        List<Object> values = new ArrayList<>(record.size());
        for (int index = 0; index < record.size(); index++) {
            Column column = schema.column(index);
            try {
                values.add(Values.parse(record.get(index), column.type()));
            }
            catch (IllegalArgumentException e) {
                throw new CliException("%s:%d: column %s: %s".formatted(file, line, column.name(), e.getMessage()));
            }
        }
        return new Row(schema, values);
    }

    private void checkColumns(List<String> columns, String timestampColumn, Map<String, ValueType> joinKeys, Map<String, ValueType> requestFields) {
        if (!columns.contains(timestampColumn)) {
            throw new CliException("%s has no timestamp column '%s' (its columns: %s; name another with --timestamp-column)".formatted(file, timestampColumn,
                    String.join(", ", columns)));
        }
        for (String key : joinKeys.keySet()) {
            if (!columns.contains(key)) {
                throw new CliException("%s has no column '%s', a join key of the features asked for (its columns: %s)".formatted(file, key,
                        String.join(", ", columns)));
            }
        }
        for (String field : requestFields.keySet()) {
            if (!columns.contains(field)) {
                throw new CliException("%s has no column '%s', request data an on-demand feature asked for reads (its columns: %s)".formatted(file, field,
                        String.join(", ", columns)));
            }
        }
    }

    /** The narrowest type every value of a column reads as: INT64, FLOAT64, BOOL, else STRING. */
    static final class Inference {
        private boolean integer = true;
        private boolean decimal = true;
        private boolean bool = true;
        private boolean any;

        void see(String text) {
            if (text == null || text.isEmpty()) {
                return;
            }
            any = true;
            String value = text.trim();
            if (integer && !value.matches("[-+]?\\d{1,18}")) {
                integer = false;
            }
            if (decimal) {
                try {
                    Double.parseDouble(value);
                }
                catch (NumberFormatException e) {
                    decimal = false;
                }
            }
            if (bool && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                bool = false;
            }
        }

        ValueType type() {
            if (!any) {
                return ValueType.STRING;
            }
            if (integer) {
                return ValueType.INT64;
            }
            if (decimal) {
                return ValueType.FLOAT64;
            }
            return bool ? ValueType.BOOL : ValueType.STRING;
        }
    }
}
