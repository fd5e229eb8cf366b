package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link ScanRequest} would read, from the objects' footers only ({@link ParquetScanner#plan}): one
 * entry per object that partition pruning keeps, in scan order.
 */
public record ScanPlan(List<PlannedObject> objects) {
    public ScanPlan {
        objects = List.copyOf(requireNonNull(objects, "objects is null"));
    }

    /** The rows of all row groups to read: an upper bound of the rows a scan delivers (the time range filters rows too). */
    public long rows() {
        return objects.stream().mapToLong(PlannedObject::rows).sum();
    }

    /**
     * One object to read.
     *
     * @param schema the columns a scan delivers for this object: the file's types, partition keys as STRING
     * @param rows the rows of the row groups whose statistics the time range does not prune
     */
    public record PlannedObject(ParquetObject object, RowSchema schema, long rows) {
        public PlannedObject {
            requireNonNull(object, "object is null");
            requireNonNull(schema, "schema is null");
            if (rows < 0) {
                throw new IllegalArgumentException("negative row count %d for %s".formatted(rows, object.uri()));
            }
        }
    }
}
