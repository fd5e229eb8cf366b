package dev.featurestore.registry.api;

import static dev.featurestore.runtime.http.QueryParameters.number;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A page of a log read newest first by id: {@code limit} entries (default 50, at most 500) below the {@code cursor},
 * and the cursor of the next page when there is one.
 */
record CursorPage<T>(List<T> entries, @Nullable String nextCursor) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** Reads the entries below an id, newest first, at most a number of them. */
    interface Reader<T> {
        List<T> read(@Nullable Long beforeId, int limit);
    }

    static <T> CursorPage<T> read(@Nullable String limit, @Nullable String cursor, Reader<T> reader, ToLongFunction<T> id) {
        int size = limit == null ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT);
        Long before = cursor == null ? null : number("cursor", cursor, 1, Long.MAX_VALUE);
        List<T> entries = reader.read(before, size + 1);
        List<T> page = entries.subList(0, Math.min(size, entries.size()));
        String next = entries.size() > size ? String.valueOf(id.applyAsLong(page.get(page.size() - 1))) : null;
        return new CursorPage<>(List.copyOf(page), next);
    }
}
