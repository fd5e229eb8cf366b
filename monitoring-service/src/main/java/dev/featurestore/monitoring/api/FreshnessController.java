package dev.featurestore.monitoring.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.domain.MonitoringErrorCode;
import dev.featurestore.monitoring.domain.freshness.FreshnessTracker;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Freshness of feature views: {@code GET /v1/freshness}, {@code GET /v1/freshness/{project}/{view}}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "freshness")
public class FreshnessController {
    private final FreshnessTracker freshness;
    private final Clock clock;

    private final ProjectAccess access;

    public FreshnessController(FreshnessTracker freshness, Clock clock, ProjectAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.freshness = requireNonNull(freshness, "freshness is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Get("/v1/freshness")
    @Operation(summary = "Freshness of every feature view",
            description = "Every feature view of the registry (of one project with ?project=, else of all), by project and name: its SLA, "
                    + "staleness (now minus the greatest event timestamp materialized), state (unknown, ok, violated) and why, last successful "
                    + "run and last failure. Only online views with a freshness_sla are evaluated; the others stay unknown. Only projects the caller may read.")
    public FreshnessListResponse list(@Nullable Authentication authentication, @Nullable @QueryValue("project") String project) {
        Instant now = clock.instant();
        Optional<String> only = Optional.ofNullable(project).filter(name -> !name.isBlank());
        only.ifPresent(name -> access.require(authentication, name, Permission.READ));
        return new FreshnessListResponse(freshness.list(only).stream()
                .filter(view -> access.allows(authentication, view.project(), Permission.READ))
                .map(view -> FreshnessResponse.of(view, now))
                .toList());
    }

    @Get("/v1/freshness/{project}/{view}")
    @Operation(summary = "Freshness of one feature view", description = "As in GET /v1/freshness; 404 VIEW_NOT_FOUND for a view the registry does not have.")
    public FreshnessResponse view(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String view) {
        access.require(authentication, project, Permission.READ);
        return freshness.find(project, view)
                .map(found -> FreshnessResponse.of(found, clock.instant()))
                .orElseThrow(() -> new FeatureStoreException(MonitoringErrorCode.VIEW_NOT_FOUND,
                        "Project '%s' has no feature view '%s'".formatted(project, view)));
    }
}
