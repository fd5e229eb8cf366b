package dev.featurestore.historical.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.historical.domain.job.Job;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job as {@code GET /v1/jobs/{id}} shows it.
 *
 * @param progress rows processed (entity rows read, feature rows read, rows written) of an estimated total
 * @param phase what a running job does now
 * @param outputFiles the result's files in entity-row order (once succeeded)
 * @param outputSchema the result's columns
 * @param rowCount rows of the result (once succeeded)
 * @param counts what the job read and wrote (once succeeded)
 * @param timings when it was created, started, finished, and how long it waited and ran
 * @param attempt how many times it was started (more than 1 after an instance restart)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobResponse(
        @JsonProperty("job_id") String jobId,
        String project,
        String state,
        Progress progress,
        @Nullable String phase,
        @JsonProperty("output_uri") @Nullable String outputUri,
        @JsonProperty("output_files") List<String> outputFiles,
        @JsonProperty("output_schema") List<OutputField> outputSchema,
        @JsonProperty("row_count") @Nullable Long rowCount,
        @Nullable Counts counts,
        Timings timings,
        int attempt,
        @JsonProperty("cancel_requested") boolean cancelRequested,
        @Nullable Error error) {

    static JobResponse of(Job job, long[] freshProgress) {
        long done = freshProgress == null ? job.rowsDone() : freshProgress[0];
        long total = freshProgress == null ? job.rowsTotal() : freshProgress[1];
        double percent = job.percent(done, total);
        Instant now = Instant.now();
        Long queuedMillis = job.startedAt().map(started -> Duration.between(job.createdAt(), started).toMillis()).orElse(null);
        Long runMillis = job.startedAt().map(started -> Duration.between(started, job.finishedAt().orElse(now)).toMillis()).orElse(null);
        return new JobResponse(
                job.id().toString(),
                job.project(),
                job.state().wireName(),
                new Progress(done, total, percent),
                job.phase().orElse(null),
                job.outputUri().orElse(null),
                job.outputFiles(),
                job.outputSchema().stream().map(field -> new OutputField(field.name(), field.dtype())).toList(),
                job.counts().map(Job.Counts::rowsWritten).orElse(null),
                job.counts().map(counts -> new Counts(counts.entityRows(), counts.sourceRowsRead(), counts.rowsWritten())).orElse(null),
                new Timings(job.createdAt(), job.startedAt().orElse(null), job.finishedAt().orElse(null), queuedMillis, runMillis),
                job.attempt(),
                job.cancelRequested(),
                job.error().map(failure -> new Error(failure.code(), failure.message())).orElse(null));
    }

    @Serdeable
    public record Progress(@JsonProperty("rows_done") long rowsDone, @JsonProperty("rows_total") long rowsTotal, double percent) {
    }

    @Serdeable
    public record OutputField(String name, ValueType dtype) {
    }

    @Serdeable
    public record Counts(
            @JsonProperty("entity_rows") long entityRows,
            @JsonProperty("feature_rows_read") long featureRowsRead,
            @JsonProperty("rows_written") long rowsWritten) {
    }

    @Serdeable
    public record Timings(
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("started_at") @Nullable Instant startedAt,
            @JsonProperty("finished_at") @Nullable Instant finishedAt,
            @JsonProperty("queued_ms") @Nullable Long queuedMillis,
            @JsonProperty("run_ms") @Nullable Long runMillis) {
    }

    @Serdeable
    public record Error(String code, String message) {
    }
}
