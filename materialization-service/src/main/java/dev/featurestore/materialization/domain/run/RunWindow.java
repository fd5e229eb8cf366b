package dev.featurestore.materialization.domain.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which rows a run materializes: a full run names its window; an incremental run names only its end and starts
 * where the view's last successful run ended (else at {@code end - ttl}), worked out when the run starts, so that
 * a run queued behind another starts where that one ended.
 *
 * @param start the window's start (inclusive), empty for an incremental run
 * @param end the window's end (inclusive)
 */
public record RunWindow(Optional<Instant> start, Instant end) {
    public RunWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (start.isPresent() && start.get().isAfter(end)) {
            throw new IllegalArgumentException("the window starts at %s, after its end %s".formatted(start.get(), end));
        }
    }

    public static RunWindow full(Instant start, Instant end) {
        return new RunWindow(Optional.of(start), end);
    }

    public static RunWindow incremental(Instant end) {
        return new RunWindow(Optional.empty(), end);
    }

    public boolean incremental() {
        return start.isEmpty();
    }
}
