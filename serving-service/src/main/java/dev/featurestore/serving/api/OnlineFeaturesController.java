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
import io.micronaut.http.annotation.Header;
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
 * Feast-compatible online retrieval and push: {@code POST /get-online-features}, {@code POST /push}. Retrieval runs
 * on the HTTP server's event loop (its online store read is made and answered on that same thread); a push, which
 * may write Parquet and wait for Kafka, runs on the blocking executor.
 */
@Controller
@Tag(name = "online-features")
public class OnlineFeaturesController {
    static final String PROJECT_HEADER = "X-Feature-Project";

    private final OnlineFeatures onlineFeatures;
    private final Pushes pushes;
    private final ServingProperties properties;
    private final BoundsProperties bounds;
    private final Executor blocking;

    private final ProjectAccess access;

    public OnlineFeaturesController(OnlineFeatures onlineFeatures, Pushes pushes, ServingProperties properties,
            BoundsProperties bounds, @Named(TaskExecutors.BLOCKING) Executor blocking, ProjectAccess access) {
        this.bounds = requireNonNull(bounds, "bounds is null");
        this.access = requireNonNull(access, "access is null");
        this.blocking = requireNonNull(blocking, "blocking is null");
        this.onlineFeatures = requireNonNull(onlineFeatures, "onlineFeatures is null");
        this.pushes = requireNonNull(pushes, "pushes is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    @Post("/get-online-features")
    @Operation(summary = "Online feature values",
            description = "Feast's feature-server request and response. The project comes from ?project=, else the X-Feature-Project header, "
                    + "else featurestore.serving.default-project. Every (entity, feature view) record is read in one round trip; each value has a status: "
                    + "PRESENT, NULL_VALUE, NOT_FOUND or OUTSIDE_MAX_AGE (older than the view's ttl: no value). On-demand features are computed per row "
                    + "from the fetched values and the request data (request_context, or extra columns of entities). 404 naming each unknown project, "
                    + "view, feature or service; 400 naming each bad column or value; 413 for more entity rows than featurestore.serving.max-entity-rows or more features than "
                    + "featurestore.serving.max-feature-references; "
                    + "503 when the online store or the registry cannot answer in time. Needs the role viewer in the project; features tagged pii need "
                    + "pii_reader or admin (else 403 naming them).")
    @ApiResponse(responseCode = "200", description = "The values, column by column", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GetOnlineFeaturesResponse.class)))
    public CompletableFuture<HttpResponse<byte[]>> getOnlineFeatures(@Nullable Authentication authentication, @Body GetOnlineFeaturesRequest body,
            @Nullable @QueryValue("project") String project, @Nullable @Header(PROJECT_HEADER) String projectHeader) {
        String projectName = project(project, projectHeader);
        Set<Permission> permissions = access.permissions(authentication, projectName);
        if (!permissions.contains(Permission.READ)) {
            access.require(authentication, projectName, Permission.READ);
        }
        if (body.features() != null && body.features().size() > bounds.maxFeatureReferences()) {
            throw new FeatureStoreException(CommonErrorCode.PAYLOAD_TOO_LARGE,
                    "%d feature references is more than the %d one request may list (featurestore.serving.max-feature-references)"
                            .formatted(body.features().size(), bounds.maxFeatureReferences()),
                    List.of(new FieldError("features", "%d references, at most %d".formatted(body.features().size(), bounds.maxFeatureReferences()))));
        }
        OnlineFeatureQuery query = new OnlineFeatureQuery(projectName, body.features(), Optional.ofNullable(body.featureService()),
                body.entities(), body.requestContext(), Boolean.TRUE.equals(body.fullFeatureNames()), permissions.contains(Permission.READ_PII));
        return onlineFeatures.get(query, blocking).thenApply(answer -> HttpResponse.ok(OnlineAnswerJson.write(answer)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Post("/push")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Push rows to a push source",
            description = "Feast's push request. The whole batch is checked first: 404 for an unknown project or push source, 400 naming each "
                    + "missing or unknown column, wrong type, unparseable timestamp or one out of range (before 1900 or more than featurestore.serving.max-future-skew after now; "
                    + "df.column[row]) with nothing written, 413 for more rows than "
                    + "featurestore.serving.max-push-rows. to=online (default) writes every feature view whose source is the push source, newer-wins; "
                    + "to=offline adds one complete Parquet object under the batch source's path and publishes data.landed; online_and_offline does both "
                    + "(offline first). 503 when a store does not answer; a retry is safe online (newer-wins). Needs the role ingester in the project.")
    public PushResponse push(@Nullable Authentication authentication, @Body PushRequestBody body, @Nullable @QueryValue("project") String project,
            @Nullable @Header(PROJECT_HEADER) String projectHeader) {
        access.require(authentication, project(project, projectHeader), Permission.INGEST);
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
        PushRequest request = new PushRequest(project(project, projectHeader), body.pushSourceName(), body.df(), target.get());
        return PushResponse.of(pushes.push(request));
    }

    private String project(String query, String header) {
        if (query != null && !query.isBlank()) {
            return checkedProject("project", query);
        }
        if (header != null && !header.isBlank()) {
            return checkedProject(PROJECT_HEADER, header);
        }
        return properties.defaultProject();
    }

    private static String checkedProject(String parameter, String project) {
        Names.lookupProblem(project).ifPresent(problem -> {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid %s: %s".formatted(parameter, problem),
                    List.of(new FieldError(parameter, problem)));
        });
        return project;
    }
}
