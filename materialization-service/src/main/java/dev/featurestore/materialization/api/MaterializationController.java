package dev.featurestore.materialization.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.contracts.validation.Limits;
import dev.featurestore.contracts.validation.Names;
import dev.featurestore.materialization.config.BoundsProperties;
import dev.featurestore.materialization.domain.MaterializationErrorCode;
import dev.featurestore.materialization.domain.Materializations;
import dev.featurestore.materialization.domain.RunRunner;
import dev.featurestore.materialization.domain.run.Run;
import dev.featurestore.materialization.domain.run.RunState;
import dev.featurestore.materialization.domain.run.RunWindow;
import dev.featurestore.materialization.domain.run.Runs;
import dev.featurestore.materialization.domain.run.Trigger;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.http.QueryParameters;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Materialization runs: {@code POST /v1/materialize}, {@code POST /v1/materialize-incremental}, {@code GET /v1/runs[/{id}]}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "materialization")
public class MaterializationController {
    private static final int DEFAULT_LIST_LIMIT = 50;
    private static final int MAX_LIST_LIMIT = 1000;

    private final Materializations materializations;
    private final Runs runs;
    private final RunRunner runner;

    private final TimestampRange timestampRange;
    private final ProjectAccess access;

    public MaterializationController(Materializations materializations, Runs runs, RunRunner runner, BoundsProperties bounds, ProjectAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.timestampRange = requireNonNull(bounds, "bounds is null").timestampRange();
        this.materializations = requireNonNull(materializations, "materializations is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Post("/v1/materialize")
    @Operation(summary = "Materialize a window",
            description = "Queues one run per feature view (default: every view served online) copying the latest row per entity with an event "
                    + "timestamp in [start_ts, end_ts] from the view's offline source into the online store (newer-wins). A run of a view whose "
                    + "run is in progress waits for it. 202 with the runs; poll GET /v1/runs/{id}. 400 naming each bad field or view not served "
                    + "online (start_ts and end_ts from 1900-01-01 to featurestore.materialization.max-future-skew after now), 404 naming an unknown project or view; nothing is queued then.")
    public HttpResponse<MaterializeResponse> materialize(@Nullable Authentication authentication, @Body MaterializeRequest body) {
        List<FieldError> errors = new ArrayList<>();
        String project = requireProject(body.project(), errors);
        checkFeatureViews(body.featureViews(), errors);
        Instant now = Instant.now();
        Instant start = null;
        Instant end = null;
        if (body.startTimestamp() == null) {
            errors.add(new FieldError("start_ts", "required: the window's start (RFC 3339 or epoch milliseconds)"));
        } else {
            start = timestamp("start_ts", body.startTimestamp(), now, errors);
        }
        if (body.endTimestamp() == null) {
            errors.add(new FieldError("end_ts", "required: the window's end (RFC 3339 or epoch milliseconds)"));
        } else {
            end = timestamp("end_ts", body.endTimestamp(), now, errors);
        }
        if (errors.isEmpty() && start.isAfter(end)) {
            errors.add(new FieldError("start_ts", "%s is after end_ts %s".formatted(start, end)));
        }
        throwIfAny(errors);
        access.require(authentication, project, Permission.INGEST);
        return queue(project, body.featureViews(), RunWindow.full(start, end));
    }

    @Post("/v1/materialize-incremental")
    @Operation(summary = "Materialize what is new",
            description = "Queues one run per feature view (default: every view served online) from where the view's last successful run ended "
                    + "(its watermark; without one, end_ts - ttl) to end_ts (default: now). The start is worked out when the run starts, so a "
                    + "run queued behind another starts where that one ended. 202 with the runs; errors as for /v1/materialize.")
    public HttpResponse<MaterializeResponse> materializeIncremental(@Nullable Authentication authentication, @Body MaterializeIncrementalRequest body) {
        List<FieldError> errors = new ArrayList<>();
        String project = requireProject(body.project(), errors);
        checkFeatureViews(body.featureViews(), errors);
        Instant now = Instant.now();
        // the end becomes the views' watermark: one far in the future would make every later incremental run read nothing
        Instant end = body.endTimestamp() == null ? now : timestamp("end_ts", body.endTimestamp(), now, errors);
        throwIfAny(errors);
        access.require(authentication, project, Permission.INGEST);
        return queue(project, body.featureViews(), RunWindow.incremental(end));
    }

    @Get("/v1/runs/{id}")
    @Operation(summary = "A run", description = "State, window, progress (rows read of rows_total), result with per-feature statistics, or error. "
            + "404 RUN_NOT_FOUND for an unknown id.")
    public RunResponse run(@Nullable Authentication authentication, @PathVariable String id) {
        UUID runId = parseId(id);
        Run run = runs.find(runId).orElseThrow(() -> notFound(id));
        access.require(authentication, run.project(), Permission.READ);
        return RunResponse.of(run, run.state() == RunState.RUNNING ? runner.localProgress(runId).orElse(null) : null);
    }

    @Get("/v1/runs")
    @Operation(summary = "Runs of a project", description = "The newest first, optionally of one feature view; limit 1..1000 (default 50).")
    public RunListResponse list(@Nullable Authentication authentication, @Nullable @QueryValue("project") String project,
            @Nullable @QueryValue("feature_view") String featureView, @Nullable @QueryValue("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        String name = requireProject(project, errors);
        throwIfAny(errors);
        access.require(authentication, name, Permission.READ);
        int count = limit == null ? DEFAULT_LIST_LIMIT : (int) QueryParameters.number("limit", limit, 1, MAX_LIST_LIMIT);
        List<RunResponse> found = runs.list(name, Optional.ofNullable(featureView).filter(view -> !view.isBlank()), count).stream()
                .map(run -> RunResponse.of(run, run.state() == RunState.RUNNING ? runner.localProgress(run.id()).orElse(null) : null))
                .toList();
        return new RunListResponse(found);
    }

    private HttpResponse<MaterializeResponse> queue(String project, List<String> featureViews, RunWindow window) {
        List<Materializations.Queued> queued = materializations.submit(project, featureViews == null ? List.of() : featureViews, window, Trigger.MANUAL);
        return HttpResponse.accepted().body(new MaterializeResponse(queued.stream()
                .map(run -> new MaterializeResponse.QueuedRun(run.id().toString(), run.featureView(), RunState.QUEUED.wireName()))
                .toList()));
    }

    private static String requireProject(String project, List<FieldError> errors) {
        if (project == null || project.isBlank()) {
            errors.add(new FieldError("project", "required: the project whose feature views to materialize"));
        } else {
            Names.lookupProblem(project).ifPresent(problem -> errors.add(new FieldError("project", problem)));
        }
        return project;
    }

    private static void checkFeatureViews(List<String> featureViews, List<FieldError> errors) {
        if (featureViews == null) {
            return;
        }
        if (featureViews.size() > Limits.MAX_OBJECTS_PER_SECTION) {
            errors.add(new FieldError("feature_views", "%d views, at most %d".formatted(featureViews.size(), Limits.MAX_OBJECTS_PER_SECTION)));
            return;
        }
        for (int i = 0; i < featureViews.size(); i++) {
            String view = featureViews.get(i);
            if (view == null) {
                errors.add(new FieldError("feature_views[%d]".formatted(i), "must not be null"));
            } else {
                int index = i;
                Names.lookupProblem(view).ifPresent(problem -> errors.add(new FieldError("feature_views[%d]".formatted(index), problem)));
            }
        }
    }

    /** A window bound read and checked by the shared timestamp range (1900-01-01 to now + featurestore.materialization.max-future-skew). */
    private Instant timestamp(String field, Object value, Instant now, List<FieldError> errors) {
        try {
            return timestampRange.parse(value, now);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                    "Invalid request: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static FeatureStoreException notFound(String id) {
        return new FeatureStoreException(MaterializationErrorCode.RUN_NOT_FOUND, "No run '%s'".formatted(id),
                List.of(new FieldError("id", "no run '%s'".formatted(id))));
    }
}
