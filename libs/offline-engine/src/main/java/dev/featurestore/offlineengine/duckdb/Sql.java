package dev.featurestore.offlineengine.duckdb;

import dev.featurestore.contracts.definition.ValueType;

/** Quoting and DuckDB's names of our types. */
final class Sql {
    private Sql() {
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** The DuckDB type holding values of {@code type} (timestamps are read as epoch microseconds, see {@link #read}). */
    static String type(ValueType type) {
        return switch (type) {
            case BOOL -> "BOOLEAN";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case STRING -> "VARCHAR";
            case BYTES -> "BLOB";
            case UNIX_TIMESTAMP -> "BIGINT";
            case BOOL_LIST -> "BOOLEAN[]";
            case INT32_LIST -> "INTEGER[]";
            case INT64_LIST -> "BIGINT[]";
            case FLOAT32_LIST -> "FLOAT[]";
            case FLOAT64_LIST -> "DOUBLE[]";
            case STRING_LIST -> "VARCHAR[]";
            case BYTES_LIST -> "BLOB[]";
            case UNIX_TIMESTAMP_LIST -> "BIGINT[]";
        };
    }

    /**
     * An expression reading {@code column} (a file column of a type {@code featureCompatible} with {@code type}) as
     * {@link #type(ValueType)}: a cast, timestamps as epoch microseconds.
     */
    static String read(String column, ValueType type) {
        String quoted = identifier(column);
        return switch (type) {
            case UNIX_TIMESTAMP -> "epoch_us(%s)".formatted(quoted);
            case UNIX_TIMESTAMP_LIST -> "list_transform(%s, lambda x: epoch_us(x))".formatted(quoted);
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST,
                 BYTES_LIST -> "CAST(%s AS %s)".formatted(quoted, type(type));
        };
    }

    /**
     * The DuckDB type that DuckDB's Parquet writer writes as our writer writes {@code type} (timestamps as
     * {@code TIMESTAMP(MICROS, isAdjustedToUTC=true)}), for output columns.
     */
    static String outputType(ValueType type) {
        return switch (type) {
            case UNIX_TIMESTAMP -> "TIMESTAMPTZ";
            case UNIX_TIMESTAMP_LIST -> "TIMESTAMPTZ[]";
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST,
                 BYTES_LIST -> type(type);
        };
    }

    /** An expression turning {@code expression}, a value of {@link #type(ValueType)}, into {@link #outputType(ValueType)}. */
    static String output(String expression, ValueType type) {
        return switch (type) {
            case UNIX_TIMESTAMP -> "CAST(make_timestamp(%s) AS TIMESTAMPTZ)".formatted(expression);
            case UNIX_TIMESTAMP_LIST -> "list_transform(%s, lambda x: CAST(make_timestamp(x) AS TIMESTAMPTZ))".formatted(expression);
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST,
                 BYTES_LIST -> expression;
        };
    }

    /** The type join keys of {@code type} are compared in: integers of any width as BIGINT. */
    static String keyType(ValueType type) {
        return type == ValueType.INT32 || type == ValueType.INT64 ? "BIGINT" : type(type);
    }
}
