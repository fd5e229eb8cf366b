package dev.featurestore.historical.domain.job;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A historical-features job as stored.
 *
 * @param outputFiles the result's files, full URIs in entity-row order (set when it succeeded)
 * @param outputSchema the result's columns
 * @param phase what it does now, while running
 * @param counts what it read and wrote, once finished
 * @param error why it failed
 * @param attempt how many times an instance started it (a restart makes another attempt)
 */
public record Job(
        UUID id,
        String project,
        JobState state,
        JobRequest request,
        Optional<String> outputUri,
        List<String> outputFiles,
        List<OutputField> outputSchema,
        Optional<String> phase,
        long rowsDone,
        long rowsTotal,
        Optional<Counts> counts,
        Optional<Failure> error,
        int attempt,
        boolean cancelRequested,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {

    public Job {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(state, "state is null");
        requireNonNull(request, "request is null");
        requireNonNull(outputUri, "outputUri is null");
        outputFiles = List.copyOf(requireNonNull(outputFiles, "outputFiles is null"));
        outputSchema = List.copyOf(requireNonNull(outputSchema, "outputSchema is null"));
        requireNonNull(phase, "phase is null");
        requireNonNull(counts, "counts is null");
        requireNonNull(error, "error is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }

    /** Progress in percent, 100 once succeeded. */
    public double percent() {
        return percent(rowsDone, rowsTotal);
    }

    /** Progress in percent for fresher counts than the stored ones: below 100 until the job succeeded. */
    public double percent(long done, long total) {
        if (state == JobState.SUCCEEDED) {
            return 100;
        }
        return total <= 0 ? 0 : Math.min(99.9, Math.floor(1000.0 * done / total) / 10);
    }

    /** A column of the result. */
    public record OutputField(String name, ValueType dtype) {
        public OutputField {
            requireNonNull(name, "name is null");
            requireNonNull(dtype, "dtype is null");
        }
    }

    /**
     * @param entityRows entity rows read
     * @param sourceRowsRead feature rows read from the views' sources (inside the time range)
     * @param rowsWritten rows of the result
     */
    public record Counts(long entityRows, long sourceRowsRead, long rowsWritten) {
    }

    /** Why a job failed: an error code of this service and a message naming the file and column where it can. */
    public record Failure(String code, String message) {
        public Failure {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }
    }
}
