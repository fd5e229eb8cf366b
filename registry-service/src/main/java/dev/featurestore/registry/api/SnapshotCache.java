package dev.featurestore.registry.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.RegistrySnapshot;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The serialized snapshot of each recently read project, keyed by its {@code registry_version}.
 * Every change to a project bumps that version (and versions never go back, even across a delete
 * and re-creation), so a cached body is served only while it is the current one; every replica
 * checks the version in the database first. Building a snapshot of a large project (reading and
 * parsing every object, writing ~0.5 MB of JSON) is what made the 200 answer slow.
 */
@Singleton
final class SnapshotCache {
    static final int MAXIMUM_PROJECTS = 256;

    /** A serialized snapshot and the registry version it is at (its ETag). */
    record Entry(long registryVersion, byte[] json) {
    }

    private final JsonMapper jsonMapper;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAXIMUM_PROJECTS;
        }
    };

    SnapshotCache(JsonMapper jsonMapper) {
        this.jsonMapper = requireNonNull(jsonMapper, "jsonMapper is null");
    }

    /**
     * The snapshot of {@code project} at {@code registryVersion} as JSON: cached, or built by
     * {@code build} (whose version wins when the project changed meanwhile).
     */
    Entry json(String project, long registryVersion, Supplier<RegistrySnapshot> build) {
        synchronized (entries) {
            Entry cached = entries.get(project);
            if (cached != null && cached.registryVersion() == registryVersion) {
                return cached;
            }
        }
        RegistrySnapshot snapshot = build.get();
        byte[] json;
        try {
            json = jsonMapper.writeValueAsBytes(snapshot);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Entry built = new Entry(snapshot.registryVersion(), json);
        synchronized (entries) {
            Entry cached = entries.get(project);
            if (cached == null || cached.registryVersion() < built.registryVersion()) {
                entries.put(project, built);
            }
        }
        return built;
    }
}
