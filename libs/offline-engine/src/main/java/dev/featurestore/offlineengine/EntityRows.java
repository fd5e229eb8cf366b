package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;

/** The entity rows of a retrieval: given inline, or Parquet objects of the offline store. */
public sealed interface EntityRows {
    /** The columns of the rows (every one is passed through to the result untouched). */
    RowSchema schema();

    /** How many rows there are. */
    long rows();

    /** Where the rows come from, for messages. */
    String description();

    /** Rows held in memory (a request's inline rows). */
    record Inline(ColumnBatch batch) implements EntityRows {
        public Inline {
            requireNonNull(batch, "batch is null");
        }

        @Override
        public RowSchema schema() {
            return batch.schema();
        }

        @Override
        public long rows() {
            return batch.size();
        }

        @Override
        public String description() {
            return "the inline entity rows";
        }
    }

    /**
     * Rows of one Parquet object, or of every Parquet object under a prefix in key order (each in file order).
     *
     * @param schema their columns, as their footers give them (every object has these)
     * @param rows their row count, from their footers
     */
    record Parquet(StorageUri uri, RowSchema schema, long rows) implements EntityRows {
        public Parquet {
            requireNonNull(uri, "uri is null");
            requireNonNull(schema, "schema is null");
            if (rows < 0) {
                throw new IllegalArgumentException("negative row count %d of %s".formatted(rows, uri));
            }
        }

        @Override
        public String description() {
            return uri.toString();
        }
    }
}
