package dev.featurestore.historical.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.validation.Names;
import dev.featurestore.historical.domain.HistoricalErrorCode;
import dev.featurestore.historical.domain.JobRunner;
import dev.featurestore.historical.domain.TrainingSets;
import dev.featurestore.historical.domain.job.Job;
import dev.featurestore.historical.domain.job.JobRequest;
import dev.featurestore.historical.domain.job.Jobs;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.http.QueryParameters;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Training sets: {@code POST /v1/historical-features}, {@code GET|DELETE /v1/jobs/{id}}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "historical-features")
public class HistoricalFeaturesController {
    private final TrainingSets trainingSets;
    private final JobRunner runner;
    private final Jobs jobs;

    private final ProjectAccess access;

    public HistoricalFeaturesController(TrainingSets trainingSets, JobRunner runner, Jobs jobs, ProjectAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.trainingSets = requireNonNull(trainingSets, "trainingSets is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    @Post("/v1/historical-features")
    @Operation(summary = "Build a training set",
            description = "Point-in-time join of the features (or feature service) onto the entity rows. Checks the request against the registry, "
                    + "the entity rows and the sources first: 400 naming each bad field, 409 OUTPUT_EXISTS when output_uri holds objects, "
                    + "413 when more inline rows than featurestore.historical.inline-row-limit; entity-row timestamps from 1900-01-01 to "
                    + "featurestore.historical.max-future-skew after now, names and texts bounded (docs/limits.md). Then 202 with the job (poll GET /v1/jobs/{id}). "
                    + "With wait=true (inline rows only) the join runs at once and 200 carries the job and the rows as columns.")
    public HttpResponse<?> submit(@Nullable Authentication authentication, @Body HistoricalFeaturesRequest body,
                                  @Nullable @QueryValue("wait") String wait) {
        JobRequest request = toRequest(body, QueryParameters.flag("wait", wait));
        access.require(authentication, request.project(), Permission.READ);
        if (!access.allows(authentication, request.project(), Permission.READ_PII)) {
            List<String> sensitive = trainingSets.sensitiveFeatures(request);
            if (!sensitive.isEmpty()) {
                throw new FeatureStoreException(CommonErrorCode.FORBIDDEN, ("Features %s are tagged pii; the caller may not read pii features in "
                        + "project '%s' (that needs the role pii_reader or admin there)").formatted(String.join(", ", sensitive), request.project()));
            }
        }
        if (QueryParameters.flag("wait", wait)) {
            Map.Entry<Job, TrainingSets.Outcome> result = trainingSets.runNow(request, runner.owner());
            Job job = result.getKey();
            List<String> names = job.outputSchema().stream().map(Job.OutputField::name).toList();
            return HttpResponse.ok(new InlineResultResponse(JobResponse.of(job, null), InlineResultResponse.columns(names, result.getValue().rows())));
        }
        Job job = trainingSets.submit(request);
        runner.wake();
        return HttpResponse.status(HttpStatus.ACCEPTED).body(JobResponse.of(job, null)).headers(headers -> headers.location(URI.create("/v1/jobs/" + job.id())));
    }

    @Get("/v1/jobs/{id}")
    @Operation(summary = "A job", description = "State (queued, running, succeeded, failed, cancelled), progress, output files and schema, counts, timings, "
            + "the error of a failed job. 404 for an unknown id (finished jobs are kept featurestore.historical.job-retention).")
    public JobResponse get(@Nullable Authentication authentication, @PathVariable String id) {
        UUID jobId = jobId(id);
        Job job = jobs.find(jobId).orElseThrow(() -> notFound(id));
        access.require(authentication, job.request().project(), Permission.READ);
        return JobResponse.of(job, runner.localProgress(jobId).orElse(null));
    }

    @Delete("/v1/jobs/{id}")
    @Operation(summary = "Cancel a job", description = "A queued job is cancelled at once; a running one stops at its next batch "
            + "(the answer shows cancel_requested until then) and its partial output is deleted. 409 JOB_FINISHED for a finished job.")
    public HttpResponse<JobResponse> cancel(@Nullable Authentication authentication, @PathVariable String id) {
        UUID jobId = jobId(id);
        Job before = jobs.find(jobId).orElseThrow(() -> notFound(id));
        access.require(authentication, before.request().project(), Permission.READ);
        if (before.state().finished()) {
            throw new FeatureStoreException(HistoricalErrorCode.JOB_FINISHED, "Job %s has already %s".formatted(id, before.state().wireName()));
        }
        Job after = runner.cancel(jobId).orElseThrow(() -> notFound(id));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(JobResponse.of(after, null));
    }

    private static JobRequest toRequest(HistoricalFeaturesRequest body, boolean wait) {
        List<FieldError> errors = new ArrayList<>();
        if (body.project() == null || body.project().isBlank()) {
            errors.add(new FieldError("project", "is required"));
        } else {
            Names.lookupProblem(body.project()).ifPresent(problem -> errors.add(new FieldError("project", problem)));
        }
        RequestBounds.check(body, errors);
        boolean hasFeatures = body.features() != null && !body.features().isEmpty();
        if (hasFeatures == (body.featureService() != null)) {
            errors.add(new FieldError(hasFeatures ? "feature_service" : "features",
                    hasFeatures ? "give either features or feature_service, not both" : "give the features (view:feature) or a feature_service"));
        }
        HistoricalFeaturesRequest.EntitySource source = body.entitySource();
        if (source == null) {
            errors.add(new FieldError("entity_source", "is required: {\"uri\": \"s3://...\"} or {\"rows\": {\"column\": [values]}}"));
        } else if ((source.uri() == null) == (source.rows() == null)) {
            errors.add(new FieldError("entity_source", "give either uri or rows"));
        }
        if (!wait && body.outputUri() != null && body.outputUri().isBlank()) {
            errors.add(new FieldError("output_uri", "is empty"));
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED,
                    "Invalid request: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
        }
        return new JobRequest(body.project(), hasFeatures ? body.features() : List.of(), Optional.ofNullable(body.featureService()),
                Optional.ofNullable(source.uri()), Optional.ofNullable(source.rows()),
                body.eventTimestampColumn() == null ? "event_timestamp" : body.eventTimestampColumn(),
                Boolean.TRUE.equals(body.fullFeatureNames()), Optional.ofNullable(body.outputUri()));
    }

    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static FeatureStoreException notFound(String id) {
        return new FeatureStoreException(HistoricalErrorCode.JOB_NOT_FOUND, "No job '%s'".formatted(id));
    }
}
