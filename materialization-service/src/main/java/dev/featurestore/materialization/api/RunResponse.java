package dev.featurestore.materialization.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.SkewCheck;
import dev.featurestore.materialization.domain.run.Run;
import dev.featurestore.materialization.domain.run.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A run as {@code GET /v1/runs/{id}} shows it.
 *
 * @param startTimestamp the window's start: as requested, or for an incremental run as resolved once it started
 * @param incremental whether the run starts where the view's last successful run ended
 * @param progress offline rows read of those the files' footers announce (an upper bound: the window filters rows)
 * @param phase what a running run does now
 * @param result what a succeeded run did
 * @param error why a failed run failed
 * @param attempt how many times it was started (more than 1 after an instance stopped during it)
 * @param instance the service instance running it now, or that ran it last
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunResponse(
        @JsonProperty("run_id") String runId,
        String project,
        @JsonProperty("feature_view") String featureView,
        String trigger,
        String state,
        @JsonProperty("start_ts") @Nullable Instant startTimestamp,
        @JsonProperty("end_ts") Instant endTimestamp,
        boolean incremental,
        Progress progress,
        @Nullable String phase,
        @Nullable Result result,
        @Nullable Error error,
        int attempt,
        @Nullable String instance,
        Timings timings) {

    static RunResponse of(Run run, long[] freshProgress) {
        long done = freshProgress == null ? run.rowsDone() : freshProgress[0];
        long total = freshProgress == null ? run.rowsTotal() : freshProgress[1];
        double percent = run.state() == RunState.SUCCEEDED ? 100.0
                : total <= 0 ? 0.0 : Math.min(100.0, Math.round(1000.0 * done / total) / 10.0);
        Instant now = Instant.now();
        Long queuedMillis = run.startedAt().map(started -> Duration.between(run.createdAt(), started).toMillis()).orElse(null);
        Long runMillis = run.startedAt().map(started -> Duration.between(started, run.finishedAt().orElse(now)).toMillis()).orElse(null);
        return new RunResponse(
                run.id().toString(),
                run.project(),
                run.featureView(),
                run.trigger().wireName(),
                run.state().wireName(),
                run.start().or(run.window()::start).orElse(null),
                run.window().end(),
                run.window().incremental(),
                new Progress(done, total, percent),
                run.phase().orElse(null),
                run.result().map(result -> new Result(result.rowsRead(), result.entitiesWritten(), result.entitiesUnchanged(), result.entitiesExpired(),
                        result.maxEventTimestamp().orElse(null), result.statistics(), result.skewCheck().orElse(null))).orElse(null),
                run.failure().map(failure -> new Error(failure.code(), failure.message())).orElse(null),
                run.attempt(),
                run.owner().orElse(null),
                new Timings(run.createdAt(), run.startedAt().orElse(null), run.finishedAt().orElse(null), queuedMillis, runMillis));
    }

    @Serdeable
    public record Progress(@JsonProperty("rows_done") long rowsDone, @JsonProperty("rows_total") long rowsTotal, double percent) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            @JsonProperty("rows_read") long rowsRead,
            @JsonProperty("entities_written") long entitiesWritten,
            @JsonProperty("entities_unchanged") long entitiesUnchanged,
            @JsonProperty("entities_expired") long entitiesExpired,
            @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp,
            Map<String, FeatureStatistics> statistics,
            @JsonProperty("skew_check") @Nullable SkewCheck skewCheck) {
    }

    @Serdeable
    public record Error(String code, String message) {
    }

    @Serdeable
    public record Timings(
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("started_at") @Nullable Instant startedAt,
            @JsonProperty("finished_at") @Nullable Instant finishedAt,
            @JsonProperty("queued_ms") @Nullable Long queuedMillis,
            @JsonProperty("run_ms") @Nullable Long runMillis) {
    }
}
