package dev.featurestore.offlineengine.duckdb;

import dev.featurestore.offlineengine.AbstractOfflineEngineTest;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlinestore.ObjectStore;

/** The contract suite on the DuckDB engine over local files. */
class DuckDbOfflineEngineTest extends AbstractOfflineEngineTest {
    @Override
    protected OfflineEngine createEngine(ObjectStore store) {
        return new DuckDbOfflineEngine(store, DuckDbSettings.defaults(directory.resolve("duckdb")));
    }
}
