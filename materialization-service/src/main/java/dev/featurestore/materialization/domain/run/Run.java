package dev.featurestore.materialization.domain.run;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.SkewCheck;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One materialization of one feature view, as stored.
 *
 * @param window what was asked for
 * @param start the window's start as the run resolved it (an incremental run's, once it started)
 * @param phase what a running run is doing
 * @param rowsDone offline rows read so far (all of them once succeeded)
 * @param rowsTotal offline rows to read, from the files' footers (an upper bound: the window filters rows too)
 * @param result what a succeeded run did
 * @param failure why a failed run failed
 * @param attempt how many times the run was started (a run whose instance died is started again)
 * @param owner the instance that runs it now, or ran it last
 */
public record Run(
        UUID id,
        String project,
        String featureView,
        Trigger trigger,
        RunState state,
        RunWindow window,
        Optional<Instant> start,
        Optional<String> phase,
        long rowsDone,
        long rowsTotal,
        Optional<Result> result,
        Optional<Failure> failure,
        int attempt,
        Optional<String> owner,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {
    public Run {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(state, "state is null");
        requireNonNull(window, "window is null");
        requireNonNull(start, "start is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(result, "result is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }

    /**
     * What a succeeded run did.
     *
     * @param rowsRead offline rows of the window read
     * @param entitiesWritten entities whose online value it replaced
     * @param entitiesUnchanged entities whose online value was as new or newer already
     * @param entitiesExpired entities whose latest row had passed its ttl and retention already (not written)
     * @param maxEventTimestamp the greatest event timestamp read, empty when the window held no row
     * @param statistics per feature, of the values materialized
     * @param skewCheck the skew check, when one ran
     */
    public record Result(long rowsRead, long entitiesWritten, long entitiesUnchanged, long entitiesExpired, Optional<Instant> maxEventTimestamp,
            Map<String, FeatureStatistics> statistics, Optional<SkewCheck> skewCheck) {
        public Result {
            requireNonNull(maxEventTimestamp, "maxEventTimestamp is null");
            statistics = Map.copyOf(requireNonNull(statistics, "statistics is null"));
            requireNonNull(skewCheck, "skewCheck is null");
        }
    }

    /**
     * Why a run failed.
     *
     * @param code a stable code ({@code MaterializationErrorCode} name)
     * @param message naming the file, column or view at fault
     * @param rowsRead offline rows read before the failure
     */
    public record Failure(String code, String message, long rowsRead) {
        public Failure {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }
    }
}
