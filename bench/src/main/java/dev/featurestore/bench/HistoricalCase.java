package dev.featurestore.bench;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static java.util.Objects.requireNonNull;

import dev.featurestore.offlineengine.EntityRows;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One join of the benchmark: entity rows, feature views, and the same join written for DuckDB.
 *
 * @param entities the entity rows' Parquet file
 * @param views the feature views, each joined on its key with its TTL
 */
record HistoricalCase(String name, Path entities, RowSchema entitySchema, long entityRows, List<View> views) {
    HistoricalCase {
        requireNonNull(name, "name is null");
        requireNonNull(entities, "entities is null");
        requireNonNull(entitySchema, "entitySchema is null");
        views = List.copyOf(requireNonNull(views, "views is null"));
    }

    /**
     * A feature view of the case.
     *
     * @param source the directory of its Parquet files
     * @param created whether the files have a {@code created} column (the tie-break)
     * @param ttl zero for no limit
     */
    record View(String name, Path source, String key, boolean created, List<String> features, Duration ttl) {
        View {
            requireNonNull(name, "name is null");
            requireNonNull(source, "source is null");
            requireNonNull(key, "key is null");
            features = List.copyOf(requireNonNull(features, "features is null"));
            requireNonNull(ttl, "ttl is null");
        }

        static View of(String name, Path source, String key, boolean created, RowSchema schema, Duration ttl) {
            List<String> features = schema.names().stream().filter(column -> !column.equals(key) && !column.equals("event_timestamp")
                    && !column.equals("created")).toList();
            return new View(name, source, key, created, features, ttl);
        }
    }

    /** The engine's retrieval: every view's features after the entity columns; entity rows at {@code entities}, sources located by {@code location}. */
    Retrieval retrieval(Function<Path, StorageUri> location, StorageUri entities) {
        List<ViewRead> reads = new ArrayList<>();
        for (View view : views) {
            List<FeatureColumn> features = view.features().stream().map(feature -> new FeatureColumn(feature, feature, FLOAT64)).toList();
            reads.add(new ViewRead(view.name(), location.apply(view.source()), "event_timestamp",
                    view.created() ? Optional.of("created") : Optional.empty(), List.of(new KeyColumn(view.key(), view.key(), INT64)),
                    features, view.ttl()));
        }
        return new Retrieval(new EntityRows.Parquet(entities, entitySchema, entityRows), "event_timestamp", reads);
    }

    /** The columns of the training set as written: the entity columns, then the features by name (as DuckDB's query names them). */
    RowSchema outputSchema() {
        List<Column> columns = new ArrayList<>(entitySchema.columns());
        views.forEach(view -> view.features().forEach(feature -> columns.add(new Column(feature, FLOAT64))));
        return new RowSchema(columns);
    }

    /**
     * The same join for DuckDB, as a join plus {@code ROW_NUMBER} per view: each entity row (numbered by
     * {@code file_row_number}) with every source row of its key at or before its timestamp (and within the TTL),
     * the latest by (event_timestamp, created) kept with {@code QUALIFY}; then the entity rows left-joined to each
     * view. Columns: {@code rn}, the entity columns, the features. No ORDER BY (the engine's output is in entity
     * row order; DuckDB's is not).
     */
    String duckDbQuery() {
        StringBuilder sql = new StringBuilder();
        sql.append("WITH e AS (SELECT file_row_number AS rn, %s FROM read_parquet('%s', file_row_number = true))"
                .formatted(String.join(", ", entitySchema.names()), entities));
        for (int index = 0; index < views.size(); index++) {
            View view = views.get(index);
            String ttl = view.ttl().isZero() ? "" : " AND s.event_timestamp >= e.event_timestamp - INTERVAL %d SECOND".formatted(view.ttl().toSeconds());
            String order = view.created() ? "s.event_timestamp DESC, s.created DESC" : "s.event_timestamp DESC";
            sql.append(",\n v%d AS (SELECT e.rn, %s FROM e JOIN read_parquet('%s/*.parquet') s ON s.%s = e.%s AND s.event_timestamp <= e.event_timestamp%s"
                    .formatted(index, view.features().stream().map(feature -> "s." + feature).collect(Collectors.joining(", ")), view.source(),
                            view.key(), view.key(), ttl));
            sql.append(" QUALIFY row_number() OVER (PARTITION BY e.rn ORDER BY %s) = 1)".formatted(order));
        }
        sql.append("\nSELECT e.rn, ").append(entitySchema.names().stream().map(column -> "e." + column).collect(Collectors.joining(", ")));
        for (int index = 0; index < views.size(); index++) {
            int view = index;
            sql.append(", ").append(views.get(index).features().stream().map(feature -> "v%d.%s".formatted(view, feature)).collect(Collectors.joining(", ")));
        }
        sql.append("\nFROM e");
        for (int index = 0; index < views.size(); index++) {
            sql.append(" LEFT JOIN v%d ON v%d.rn = e.rn".formatted(index, index));
        }
        return sql.toString();
    }

    /**
     * Compares the engine's output file (entity row order) with DuckDB's (column {@code rn}): total rows, rows
     * that differ in any column, and per view the rows that got a value (its second feature, never null in the
     * files, is not null).
     */
    String duckDbComparison(Path engineOutput, Path duckDbOutput) {
        return duckDbComparison("read_parquet('%s', file_row_number = true)".formatted(engineOutput), duckDbOutput);
    }

    /** The same comparison for any relation ({@code output}) whose column {@code file_row_number} numbers its rows in entity-row order. */
    String duckDbComparison(String output, Path duckDbOutput) {
        List<String> columns = new ArrayList<>(entitySchema.names());
        views.forEach(view -> columns.addAll(view.features()));
        String differs = columns.stream().map(column -> "o.%s IS DISTINCT FROM d.%s".formatted(column, column)).collect(Collectors.joining(" OR "));
        String matched = views.stream().map(view -> "count(d.%s)".formatted(view.features().get(1))).collect(Collectors.joining(", "));
        return """
                SELECT count(*), count(*) FILTER (WHERE o.file_row_number IS NULL OR d.rn IS NULL OR %s), %s
                FROM %s o FULL OUTER JOIN read_parquet('%s') d ON o.file_row_number = d.rn
                """.formatted(differs, matched, output, duckDbOutput);
    }

    static List<HistoricalCase> all(HistoricalData data) {
        View driver1m = View.of("driver_1m", data.source("driver_1m"), "driver_id", true, HistoricalData.DRIVER_SCHEMA, Duration.ofDays(7));
        View driver10m = View.of("driver_10m", data.source("driver_10m"), "driver_id", true, HistoricalData.DRIVER_SCHEMA, Duration.ofDays(7));
        View customer = View.of("customer", data.source("customer"), "customer_id", true, HistoricalData.CUSTOMER_SCHEMA, Duration.ZERO);
        View zone = View.of("zone", data.source("zone"), "zone_id", false, HistoricalData.ZONE_SCHEMA, Duration.ofHours(3));
        List<View> feastViews = new ArrayList<>();
        for (int view = 0; view < HistoricalData.FEAST_VIEWS; view++) {
            feastViews.add(View.of("view_%d".formatted(view), data.feastView(view), "user_id", true, HistoricalData.feastViewSchema(view),
                    Duration.ofDays(7)));
        }
        return List.of(
                new HistoricalCase("1m", data.entities(), HistoricalData.ENTITY_SCHEMA, HistoricalData.ENTITY_ROWS, List.of(driver1m)),
                new HistoricalCase("10m", data.entities(), HistoricalData.ENTITY_SCHEMA, HistoricalData.ENTITY_ROWS, List.of(driver10m)),
                new HistoricalCase("3views", data.entities(), HistoricalData.ENTITY_SCHEMA, HistoricalData.ENTITY_ROWS,
                        List.of(driver1m, customer, zone)),
                new HistoricalCase("feast3003", data.feastEntities(), HistoricalData.FEAST_ENTITY_SCHEMA, HistoricalData.FEAST_ENTITY_ROWS, feastViews));
    }
}
