package dev.featurestore.transforms;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Compiled on-demand views for the places that evaluate them (serving, historical retrieval),
 * keyed by (project, view name, registry version).
 * <p>
 * One entry per (project, view), holding the registry version it was compiled for. A request with
 * that version is a hit; a newer version replaces the entry (recompiling only when the view or
 * its sources' schemas changed, otherwise the entry is just moved to the newer version); an
 * older version (a reader still on the previous snapshot) is compiled but does not displace the
 * newer entry. Failed compilations are cached as well, so a broken view is not recompiled per
 * request. At most {@code maximumSize} entries, least recently used evicted first. Thread-safe;
 * compilation runs outside the lock.
 */
public final class OnDemandPrograms {
    public static final int DEFAULT_MAXIMUM_SIZE = 1_000;

    private final OnDemandCompiler compiler;
    private final int maximumSize;
    private final Map<Key, Entry> entries;

    public OnDemandPrograms() {
        this(new OnDemandCompiler(), DEFAULT_MAXIMUM_SIZE);
    }

    public OnDemandPrograms(OnDemandCompiler compiler, int maximumSize) {
        this.compiler = requireNonNull(compiler, "compiler is null");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1, was %d".formatted(maximumSize));
        }
        this.maximumSize = maximumSize;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > OnDemandPrograms.this.maximumSize;
            }
        };
    }

    /**
     * The compiled view for this registry version, compiling it on a miss.
     *
     * @param project         the project
     * @param registryVersion the project's {@code registry_version} of the snapshot {@code view} comes from
     * @param view            the view's definition in that snapshot
     * @param sourceSchemas   the fields of each of its sources in that snapshot
     * @return the compilation result (compiled view or errors)
     */
    public CompilationResult compiled(String project, long registryVersion, OnDemandFeatureView view, Map<String, List<Field>> sourceSchemas) {
        requireNonNull(sourceSchemas, "sourceSchemas is null");
        return compiled(project, registryVersion, view, () -> sourceSchemas);
    }

    /**
     * As {@link #compiled(String, long, OnDemandFeatureView, Map)}, asking for the sources' schemas
     * only when the entry is missing or of another version (keeps the hit path free of work).
     */
    public CompilationResult compiled(
            String project, long registryVersion, OnDemandFeatureView view, Supplier<Map<String, List<Field>>> sourceSchemas) {
        requireNonNull(project, "project is null");
        requireNonNull(view, "view is null");
        requireNonNull(sourceSchemas, "sourceSchemas is null");
        Key key = new Key(project, view.name());
        Entry cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null && cached.registryVersion() == registryVersion) {
            return cached.result();
        }
        Map<String, List<Field>> schemas = copy(requireNonNull(sourceSchemas.get(), "sourceSchemas supplied null"));
        CompilationResult result;
        if (cached != null && cached.view().equals(view) && cached.sourceSchemas().equals(schemas)) {
            result = cached.result();
        } else {
            result = compiler.compile(view, schemas);
        }
        synchronized (entries) {
            Entry current = entries.get(key);
            if (current == null || current.registryVersion() < registryVersion) {
                entries.put(key, new Entry(registryVersion, view, schemas, result));
            }
        }
        return result;
    }

    /**
     * Forgets a view (deleted, or its project is gone).
     */
    public void invalidate(String project, String viewName) {
        synchronized (entries) {
            entries.remove(new Key(requireNonNull(project, "project is null"), requireNonNull(viewName, "viewName is null")));
        }
    }

    /**
     * Forgets every view of a project.
     */
    public void invalidateProject(String project) {
        requireNonNull(project, "project is null");
        synchronized (entries) {
            entries.keySet().removeIf(key -> key.project().equals(project));
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static Map<String, List<Field>> copy(Map<String, List<Field>> sourceSchemas) {
        Map<String, List<Field>> copy = new LinkedHashMap<>();
        sourceSchemas.forEach((source, fields) -> copy.put(
                requireNonNull(source, "source name is null"),
                List.copyOf(requireNonNull(fields, "fields of %s are null".formatted(source)))));
        return copy;
    }

    private record Key(String project, String viewName) {
    }

    private record Entry(long registryVersion, OnDemandFeatureView view, Map<String, List<Field>> sourceSchemas, CompilationResult result) {
    }
}
