package dev.featurestore.runtime.security;

import dev.featurestore.contracts.access.AccessSnapshot;

/**
 * Where API keys (their hashes) and role bindings come from. Implementations keep the current snapshot in memory, so
 * a request pays only a map lookup.
 */
public interface AccessDirectory {
    /** The snapshot to judge requests by now. */
    AccessSnapshot.Index current();

    /** Reads the source again now (after a local change or a change event); best effort. */
    void refresh();
}
