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
 * @param startNoLaterThan for an incremental run, a start it must not pass even when its watermark is later (data
 *     that landed with older event timestamps)
 */
public record RunWindow(Optional<Instant> start, Instant end, Optional<Instant> startNoLaterThan) {
    public RunWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(startNoLaterThan, "startNoLaterThan is null");
        if (start.isPresent() && startNoLaterThan.isPresent()) {
            throw new IllegalArgumentException("a window with a start has no startNoLaterThan");
        }
        if (start.isPresent() && start.get().isAfter(end)) {
            throw new IllegalArgumentException("the window starts at %s, after its end %s".formatted(start.get(), end));
        }
    }

    public static RunWindow full(Instant start, Instant end) {
        return new RunWindow(Optional.of(start), end, Optional.empty());
    }

    public static RunWindow incremental(Instant end) {
        return new RunWindow(Optional.empty(), end, Optional.empty());
    }

    public static RunWindow incremental(Instant end, Optional<Instant> startNoLaterThan) {
        return new RunWindow(Optional.empty(), end, startNoLaterThan);
    }

    public boolean incremental() {
        return start.isEmpty();
    }
}
