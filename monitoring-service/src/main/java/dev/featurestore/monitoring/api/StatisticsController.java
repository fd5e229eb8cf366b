package dev.featurestore.monitoring.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.config.MonitoringProperties;
import dev.featurestore.monitoring.domain.MonitoringErrorCode;
import dev.featurestore.monitoring.domain.freshness.FreshnessTracker;
import dev.featurestore.monitoring.domain.statistics.Baseline;
import dev.featurestore.monitoring.domain.statistics.RunStatistics;
import dev.featurestore.monitoring.domain.statistics.StatisticsStore;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.http.QueryParameters;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Feature statistics and drift of a view: {@code /v1/features/{project}/{view}/statistics}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "statistics")
public class StatisticsController {
    private static final int DEFAULT_HISTORY = 20;
    private static final int MAX_HISTORY = 500;

    private final StatisticsStore store;
    private final FreshnessTracker views;
    private final double threshold;

    private final ProjectAccess access;

    public StatisticsController(StatisticsStore store, FreshnessTracker views, MonitoringProperties properties, ProjectAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.views = requireNonNull(views, "views is null");
        this.threshold = properties.driftThreshold();
    }

    @Get("/v1/features/{project}/{view}/statistics")
    @Operation(summary = "Statistics and drift of a feature view",
            description = "Per feature (count, null count, min, max, mean, stddev, quantiles; frequent items of strings) of the latest run, the "
                    + "baseline run and the last runs (history, the last completed first; limit 1..500, default 20), each with its population "
                    + "stability index against the previous run and the baseline and the features above the drift threshold. ?feature=a,b "
                    + "keeps those features; ?sketches=true adds each numeric feature's KLL sketch (base64). 404 VIEW_NOT_FOUND for a view "
                    + "the registry does not have.")
    public StatisticsResponse statistics(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String view,
            @Nullable @QueryValue("limit") String limit, @Nullable @QueryValue("feature") String feature, @Nullable @QueryValue("sketches") String sketches) {
        access.require(authentication, project, Permission.READ);
        requireView(project, view);
        int count = limit == null ? DEFAULT_HISTORY : (int) QueryParameters.number("limit", limit, 1, MAX_HISTORY);
        boolean withSketches = sketches != null && QueryParameters.flag("sketches", sketches);
        Predicate<String> wanted = wanted(feature);
        List<StatisticsResponse.Run> history = store.history(project, view, count).stream()
                .map(run -> StatisticsResponse.Run.of(run, wanted, withSketches, threshold))
                .toList();
        StatisticsResponse.BaselineRun baseline = store.baseline(project, view)
                .map(pinned -> StatisticsResponse.BaselineRun.of(pinned, store.find(project, view, pinned.runId())
                        .map(run -> StatisticsResponse.Run.of(run, wanted, withSketches, threshold)).orElse(null)))
                .orElse(null);
        return new StatisticsResponse(project, view, threshold, history.isEmpty() ? null : history.get(0), baseline, history);
    }

    @Put("/v1/features/{project}/{view}/statistics/baseline")
    @Operation(summary = "Pin the baseline of a feature view",
            description = "Later runs' statistics are compared with this run's (besides the previous run's). By default the baseline is the "
                    + "view's first run with statistics. 200 with the statistics; 400 without run_id; 404 STATISTICS_NOT_FOUND for a run whose "
                    + "statistics monitoring does not have.")
    public StatisticsResponse pinBaseline(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String view,
            @Body BaselineRequest body) {
        access.require(authentication, project, Permission.EDIT);
        requireView(project, view);
        if (body.runId() == null || body.runId().isBlank()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Invalid request: run_id: required",
                    List.of(new FieldError("run_id", "required: the run whose statistics become the baseline")));
        }
        RunStatistics run = store.find(project, view, body.runId()).orElseThrow(() -> new FeatureStoreException(MonitoringErrorCode.STATISTICS_NOT_FOUND,
                "No statistics of run '%s' of %s/%s".formatted(body.runId(), project, view)));
        store.pin(new Baseline(project, view, run.runId(), Instant.now().truncatedTo(ChronoUnit.MICROS), "user"));
        return statistics(authentication, project, view, null, null, null);
    }

    private void requireView(String project, String view) {
        if (views.find(project, view).isEmpty()) {
            throw new FeatureStoreException(MonitoringErrorCode.VIEW_NOT_FOUND, "Project '%s' has no feature view '%s'".formatted(project, view));
        }
    }

    private static Predicate<String> wanted(@Nullable String features) {
        if (features == null || features.isBlank()) {
            return name -> true;
        }
        Set<String> names = Arrays.stream(features.split(",")).map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        return names::contains;
    }
}
