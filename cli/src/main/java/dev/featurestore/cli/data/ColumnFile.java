package dev.featurestore.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.Json;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A local file of rows read into columns of JSON values (Feast's {@code df}): CSV (each column read as the type the
 * caller declares for it, else typed by its values), Parquet (its own types), or JSON (an object of columns, or a list
 * of records).
 */
public final class ColumnFile {
    private ColumnFile() {
    }

    /**
     * @param declared the types of the columns the registry knows
     * @return column name to values, every column as long as the others
     */
    public static Map<String, List<Object>> read(Path file, Map<String, ValueType> declared) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no file %s".formatted(file));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(file, declared);
        }
        if (name.endsWith(".parquet")) {
            return parquet(file);
        }
        if (name.endsWith(".json")) {
            return json(file);
        }
        throw new CliException("'%s' is not a .csv, .parquet or .json file".formatted(file));
    }

    private static Map<String, List<Object>> csv(Path file, Map<String, ValueType> declared) {
        List<String> header;
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); Csv.Reader csv = Csv.open(reader)) {
            header = csv.next();
            if (header == null) {
                throw new CliException("%s: empty file (expected a header line with the column names)".formatted(file));
            }
            header = header.stream().map(String::trim).toList();
            for (List<String> record = csv.next(); record != null; record = csv.next()) {
                if (record.size() != header.size()) {
                    throw new CliException("%s:%d: %d values for %d columns".formatted(file, csv.line(), record.size(), header.size()));
                }
                records.add(record);
                lines.add(csv.line());
            }
        }
        catch (IOException e) {
            throw new CliException("%s: %s".formatted(file, e.getMessage()), e);
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (int index = 0; index < header.size(); index++) {
            String column = header.get(index);
            ValueType type = declared.get(column);
            if (type == null) {
                EntityFile.Inference inference = new EntityFile.Inference();
                for (List<String> record : records) {
                    inference.see(record.get(index));
                }
                type = inference.type();
            }
            List<Object> values = new ArrayList<>(records.size());
            for (int row = 0; row < records.size(); row++) {
                String text = records.get(row).get(index);
                try {
                    // timestamps go as the text they are (the services read RFC 3339 and epoch milliseconds), once checked
                    Object value = Values.parse(text, type);
                    values.add(type == ValueType.UNIX_TIMESTAMP && value != null ? ((java.time.Instant) value).toString() : Values.toJson(value));
                }
                catch (IllegalArgumentException e) {
                    throw new CliException("%s:%d: column %s: %s".formatted(file, lines.get(row), column, e.getMessage()));
                }
            }
            columns.put(column, values);
        }
        return columns;
    }

    private static Map<String, List<Object>> parquet(Path file) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        try (LocalObjectStore local = new LocalObjectStore()) {
            new ParquetScanner(local).scan(ScanRequest.of(StorageUri.of(file)), row -> {
                List<String> names = row.schema().names();
                for (int index = 0; index < names.size(); index++) {
                    columns.computeIfAbsent(names.get(index), key -> new ArrayList<>()).add(Values.toJson(row.get(index)));
                }
            });
        }
        catch (RuntimeException e) {
            throw new CliException("%s: not a readable Parquet file: %s".formatted(file, Json.firstLine(e.getMessage())), e);
        }
        return columns;
    }

    private static Map<String, List<Object>> json(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new CliException("%s: not JSON: %s".formatted(file, Json.firstLine(e.getMessage())), e);
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        if (root != null && root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isArray()) {
                    throw new CliException("%s: column '%s' is not a list of values".formatted(file, field.getKey()));
                }
                List<Object> values = new ArrayList<>();
                field.getValue().forEach(value -> values.add(Json.MAPPER.convertValue(value, Object.class)));
                columns.put(field.getKey(), values);
            }
            return columns;
        }
        if (root != null && root.isArray()) {
            int row = 0;
            for (JsonNode record : root) {
                if (!record.isObject()) {
                    throw new CliException("%s: record %d is not an object".formatted(file, row));
                }
                final int index = row;
                record.fields().forEachRemaining(field -> {
                    List<Object> values = columns.computeIfAbsent(field.getKey(), key -> new ArrayList<>(java.util.Collections.nCopies(index, null)));
                    values.add(Json.MAPPER.convertValue(field.getValue(), Object.class));
                });
                row++;
                for (List<Object> values : columns.values()) {
                    while (values.size() < row) {
                        values.add(null);
                    }
                }
            }
            return columns;
        }
        throw new CliException("%s: expected an object of columns ({\"driver_id\": [1001], ...}) or a list of records".formatted(file));
    }
}
