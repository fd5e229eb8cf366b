package dev.featurestore.offlineengine;

import dev.featurestore.offlinestore.ColumnBatch;
import java.util.function.Consumer;

/**
 * What the suite asks of offline data, whatever computes it. Every implementation passes the contract suite
 * {@code AbstractOfflineEngineTest} (this module's test jar), which holds every rule of the point-in-time semantics.
 *
 * <p>Calls are thread-safe; several may run at once. Every source object is checked against its view before any row
 * is read: a column missing (other than a feature, which reads as null) or of a type the view cannot read fails the
 * call with {@link EngineFailedException} naming the object, the column, the type expected and the type found. A store
 * that cannot be reached at all fails a call with the store's own
 * {@link dev.featurestore.offlinestore.StorageUnavailableException} (an outage to retry, not a fault of the data).
 */
public interface OfflineEngine extends AutoCloseable {
    /** The engine's name in settings, logs and statistics ({@code duckdb}). */
    String name();

    /**
     * Point-in-time retrieval: one row per entity row, in their order, delivered to {@code sink} in batches on one
     * thread, in order.
     *
     * @throws EngineFailedException when the data does not fit the request
     * @throws EngineCancelledException when the listener asked to stop
     */
    RetrievalStatistics retrieve(Retrieval retrieval, Consumer<ColumnBatch> sink, EngineListener listener);

    /**
     * Point-in-time retrieval written as Parquet part files under {@link Export#output()} (the same rows as
     * {@link #retrieve}, in the same order, in the export's columns), for training sets without on-demand features.
     * Each part appears whole or not at all; when the call fails or is cancelled, the parts already written are deleted
     * before it returns, so nothing partial is left under the output.
     *
     * @throws EngineFailedException when the data does not fit the request
     * @throws EngineCancelledException when the listener asked to stop
     */
    ExportResult export(Retrieval retrieval, Export export, EngineListener listener);

    /**
     * The latest row per entity of a window, delivered to {@code sink} in batches on one thread.
     *
     * @throws EngineFailedException when the data does not fit the view
     * @throws EngineCancelledException when the listener asked to stop
     */
    LatestStatistics latest(LatestQuery query, Consumer<ColumnBatch> sink, EngineListener listener);

    /**
     * Point lookups: a retrieval of a few entity rows (the skew check's sample), answered in one batch. Reads only the
     * source rows that can hold the given keys and times, as far as the engine can tell.
     *
     * @throws EngineFailedException when the data does not fit the request
     */
    ColumnBatch lookup(Retrieval retrieval);

    @Override
    void close();
}
