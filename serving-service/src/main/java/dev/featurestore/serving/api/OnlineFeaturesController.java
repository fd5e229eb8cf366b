package dev.featurestore.serving.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.contracts.validation.Names;
import dev.featurestore.serving.config.BoundsProperties;
import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.serving.domain.OnlineFeatureQuery;
import dev.featurestore.serving.domain.OnlineFeatures;
import dev.featurestore.serving.domain.OnlineWriteRequest;
import dev.featurestore.serving.domain.OnlineWrites;
import dev.featurestore.serving.domain.ProjectRegistries;
import dev.featurestore.serving.domain.PushRequest;
import dev.featurestore.serving.domain.PushTarget;
import dev.featurestore.serving.domain.Pushes;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Set;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Named;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Feast's feature server: {@code POST /get-online-features}, {@code POST /push}, {@code POST /write-to-online-store},
 * each also under {@code /projects/{project}/} (so that Feast's remote online store, whose {@code path} is a URL it
 * appends these to, names the project), and {@code GET /projects/{project}/health}. The project of a request is, in
 * this order: the path's, {@code ?project=}, the {@code X-Feature-Project} header, else
 * {@code featurestore.serving.default-project}. Retrieval runs on the HTTP server's event loop (its online store read
 * is made and answered on that same thread); writes, which may write Parquet and wait for Kafka, run on the blocking
 * executor.
 */
@Controller
@Tag(name = "online-features")
public class OnlineFeaturesController {
    static final String PROJECT_HEADER = "X-Feature-Project";
    /** The prefix naming the project in the path, as Feast's remote online store's {@code path} does. */
    static final String PROJECT_PREFIX = "/projects/{project}";
    private static final String PROJECT_ORDER = "The project is the path's (/projects/{project}/...), else ?project=, else the X-Feature-Project "
            + "header, else featurestore.serving.default-project. ";

    private final OnlineFeatures onlineFeatures;
    private final Pushes pushes;
    private final OnlineWrites onlineWrites;
    private final ProjectRegistries projects;
    private final ServingProperties properties;
    private final BoundsProperties bounds;
    private final Executor blocking;

    private final ProjectAccess access;

    public OnlineFeaturesController(OnlineFeatures onlineFeatures, Pushes pushes, OnlineWrites onlineWrites, ProjectRegistries projects,
            ServingProperties properties, BoundsProperties bounds, @Named(TaskExecutors.BLOCKING) Executor blocking,
            ProjectAccess access) {
        this.onlineWrites = requireNonNull(onlineWrites, "onlineWrites is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.bounds = requireNonNull(bounds, "bounds is null");
        this.access = requireNonNull(access, "access is null");
        this.blocking = requireNonNull(blocking, "blocking is null");
        this.onlineFeatures = requireNonNull(onlineFeatures, "onlineFeatures is null");
        this.pushes = requireNonNull(pushes, "pushes is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    @Post(uris = {"/get-online-features", PROJECT_PREFIX + "/get-online-features"})
    @Operation(summary = "Online feature values",
            description = "Feast's feature-server request and response. " + PROJECT_ORDER + "Every (entity, feature view) record is read in one round trip; each value has a status: "
                    + "PRESENT, NULL_VALUE, NOT_FOUND or OUTSIDE_MAX_AGE (older than the view's ttl: no value). On-demand features are computed per row "
                    + "from the fetched values and the request data (request_context, or extra columns of entities). 404 naming each unknown project, "
                    + "view, feature or service; 400 naming each bad column or value; 413 for more entity rows than featurestore.serving.max-entity-rows or more features than "
                    + "featurestore.serving.max-feature-references; "
                    + "503 when the online store or the registry cannot answer in time. Needs the role viewer in the project; features tagged pii need "
                    + "pii_reader or admin (else 403 naming them).")
    @ApiResponse(responseCode = "200", description = "The values, column by column", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GetOnlineFeaturesResponse.class)))
    public CompletableFuture<HttpResponse<byte[]>> getOnlineFeatures(@Nullable Authentication authentication, @Body GetOnlineFeaturesRequest body,
            @Nullable @PathVariable("project") String pathProject, @Nullable @QueryValue("project") String project,
            @Nullable @Header(PROJECT_HEADER) String projectHeader) {
        String projectName = project(pathProject, project, projectHeader);
        Set<Permission> permissions = ServingRequests.readPermissions(access, authentication, projectName);
        ServingRequests.requireFeatureReferences(body.features(), bounds);
        OnlineFeatureQuery query = new OnlineFeatureQuery(projectName, body.features(), Optional.ofNullable(body.featureService()),
                body.entities(), body.requestContext(), Boolean.TRUE.equals(body.fullFeatureNames()), permissions.contains(Permission.READ_PII));
        return onlineFeatures.get(query, blocking).thenApply(answer -> HttpResponse.ok(OnlineAnswerJson.write(answer)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Post(uris = {"/push", PROJECT_PREFIX + "/push"})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Push rows to a push source",
            description = "Feast's push request. " + PROJECT_ORDER + "Timestamps are RFC 3339, ISO 8601 without an offset (read as UTC, "
                    + "2026-12-07T13:12:37 or 2026-12-07 13:12:37) or epoch milliseconds. The whole batch is checked first: 404 for an unknown project or push source, 400 naming each "
                    + "missing or unknown column, wrong type, unparseable timestamp or one out of range (before 1900 or more than featurestore.serving.max-future-skew after now; "
                    + "df.column[row]) with nothing written, 413 for more rows than "
                    + "featurestore.serving.max-push-rows. to=online (default) writes every feature view whose source is the push source, newer-wins; "
                    + "to=offline adds one complete Parquet object under the batch source's path and publishes data.landed; online_and_offline does both "
                    + "(offline first). 503 when a store does not answer; a retry is safe online (newer-wins). Needs the role ingester in the project.")
    public PushResponse push(@Nullable Authentication authentication, @Body PushRequestBody body, @Nullable @PathVariable("project") String pathProject,
            @Nullable @QueryValue("project") String project, @Nullable @Header(PROJECT_HEADER) String projectHeader) {
        String projectName = project(pathProject, project, projectHeader);
        access.require(authentication, projectName, Permission.INGEST);
        List<FieldError> errors = new ArrayList<>();
        if (body.pushSourceName() == null || body.pushSourceName().isBlank()) {
            errors.add(new FieldError("push_source_name", "name the push source"));
        }
        Optional<PushTarget> target = body.to() == null ? Optional.of(PushTarget.ONLINE) : PushTarget.parse(body.to());
        if (target.isEmpty()) {
            errors.add(new FieldError("to", "'%s' is not online, offline or online_and_offline".formatted(body.to())));
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Invalid push: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
        }
        PushRequest request = new PushRequest(projectName, body.pushSourceName(), body.df(), target.get());
        return PushResponse.of(pushes.push(request));
    }

    @Post(uris = {"/write-to-online-store", PROJECT_PREFIX + "/write-to-online-store"})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Write rows of a feature view online",
            description = "Feast's write-to-online-store, what its remote online store sends for FeatureStore.write_to_online_store, push and "
                    + "materialize. " + PROJECT_ORDER + "df holds the rows as columns: the view's join keys and features by their names in the view, "
                    + "event_timestamp and, optionally, created (RFC 3339, ISO 8601 without an offset read as UTC, or epoch milliseconds; created "
                    + "may hold nulls). Written online only, newer-wins, through the same writer as /push. allow_registry_cache is accepted "
                    + "(the registry's cache is always used; a name it misses re-fetches the definitions once); transform_on_write is accepted "
                    + "and has no effect (feature views have no transformations). The whole body is checked first, nothing written when "
                    + "anything is bad: 404 for an unknown project or feature view (feature_view_name), 400 for a view with online: false or "
                    + "naming each missing or unknown column, wrong type, null join key, null or out-of-range event timestamp (df.column[row]), "
                    + "columns of different lengths; 413 for more rows than featurestore.serving.max-push-rows. 503 when the online store does "
                    + "not answer (writing again is safe). Needs the role ingester in the project.")
    public WriteToOnlineStoreResponse writeToOnlineStore(@Nullable Authentication authentication, @Body WriteToOnlineStoreRequest body,
            @Nullable @PathVariable("project") String pathProject, @Nullable @QueryValue("project") String project,
            @Nullable @Header(PROJECT_HEADER) String projectHeader) {
        String projectName = project(pathProject, project, projectHeader);
        access.require(authentication, projectName, Permission.INGEST);
        String view = body.featureViewName();
        Optional<String> problem = view == null ? Optional.of("name the feature view") : Names.lookupProblem(view);
        if (problem.isPresent()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Invalid feature_view_name: %s".formatted(problem.get()),
                    List.of(new FieldError("feature_view_name", problem.get())));
        }
        OnlineWriteRequest request = new OnlineWriteRequest(projectName, view, body.df());
        return WriteToOnlineStoreResponse.of(onlineWrites.write(request));
    }

    @Get(PROJECT_PREFIX + "/health")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Whether a project can be served",
            description = "As Feast's /health for a remote online store whose path names the project: 200 {\"status\": \"UP\"} when the "
                    + "project's definitions can be read, 404 for an unknown project, 503 when the registry cannot be reached. Needs the role "
                    + "viewer in the project (GET /health, the service's own, is open).")
    public ProjectHealth projectHealth(@Nullable Authentication authentication, @PathVariable("project") String project) {
        String projectName = ServingRequests.checkedProject("project", project);
        access.require(authentication, projectName, Permission.READ);
        projects.get(projectName);
        return new ProjectHealth("UP", projectName);
    }

    /** The request's project: the path's, else {@code ?project=}, else the header, else the default; each checked as a name. */
    private String project(String path, String query, String header) {
        if (path != null) {
            return ServingRequests.checkedProject("project", path);
        }
        if (query != null && !query.isBlank()) {
            return ServingRequests.checkedProject("project", query);
        }
        if (header != null && !header.isBlank()) {
            return ServingRequests.checkedProject(PROJECT_HEADER, header);
        }
        return properties.defaultProject();
    }

}
