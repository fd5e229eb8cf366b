package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where and how {@link OfflineEngine#export} writes a retrieval's rows: Parquet part files {@code part-00000.parquet},
 * {@code part-00001.parquet}, ... under {@code output}, at most {@code rowsPerFile} rows each, with the columns
 * {@code columns} in their order.
 *
 * @param columns the output columns, each a column of the retrieval's {@link Retrieval#outputSchema()} under a name
 *     of its own (a feature {@code __feature_0_1} as {@code driver__conv_rate}); a column may be left out
 * @param output the prefix the part files go under
 * @param rowsPerFile the most rows of one part file
 */
public record Export(List<ExportColumn> columns, StorageUri output, long rowsPerFile) {
    public Export {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(output, "output is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one column");
        }
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("rows per file %d is below 1".formatted(rowsPerFile));
        }
        Set<String> names = new HashSet<>();
        for (ExportColumn column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("output column '%s' is named twice".formatted(column.name()));
            }
        }
        output = output.asPrefix();
    }

    /** Every column of the retrieval's output under its own name. */
    public static Export allColumns(Retrieval retrieval, StorageUri output, long rowsPerFile) {
        return new Export(retrieval.outputSchema().names().stream().map(name -> new ExportColumn(name, name)).toList(), output, rowsPerFile);
    }

    /**
     * The schema of the part files.
     *
     * @throws IllegalArgumentException naming a column the retrieval does not have
     */
    public RowSchema schema(Retrieval retrieval) {
        RowSchema input = retrieval.outputSchema();
        return new RowSchema(columns.stream().map(column -> {
            int index = input.indexOf(column.from()).orElseThrow(() -> new IllegalArgumentException(
                    "output column '%s' reads '%s', which the retrieval does not have; it has %s".formatted(column.name(), column.from(), input.names())));
            return new Column(column.name(), input.column(index).type());
        }).toList());
    }

    /**
     * An output column.
     *
     * @param name its name in the part files
     * @param from the column of the retrieval's output it holds
     */
    public record ExportColumn(String name, String from) {
        public ExportColumn {
            requireNonNull(name, "name is null");
            requireNonNull(from, "from is null");
        }
    }
}
