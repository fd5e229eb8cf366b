package dev.featurestore.serving.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.serving.domain.OnlineFeatureQuery;
import dev.featurestore.serving.domain.OnlineFeatures;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** Feast-compatible online retrieval: {@code POST /get-online-features}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "online-features")
public class OnlineFeaturesController {
    static final String PROJECT_HEADER = "X-Feature-Project";

    private final OnlineFeatures onlineFeatures;
    private final ServingProperties properties;

    public OnlineFeaturesController(OnlineFeatures onlineFeatures, ServingProperties properties) {
        this.onlineFeatures = requireNonNull(onlineFeatures, "onlineFeatures is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    @Post("/get-online-features")
    @Operation(summary = "Online feature values",
            description = "Feast's feature-server request and response. The project comes from ?project=, else the X-Feature-Project header, "
                    + "else featurestore.serving.default-project. Every (entity, feature view) record is read in one round trip; each value has a status: "
                    + "PRESENT, NULL_VALUE, NOT_FOUND or OUTSIDE_MAX_AGE (older than the view's ttl: no value). On-demand features are computed per row "
                    + "from the fetched values and the request data (request_context, or extra columns of entities). 404 naming each unknown project, "
                    + "view, feature or service; 400 naming each bad column or value; 413 for more entity rows than featurestore.serving.max-entity-rows; "
                    + "503 when the online store or the registry cannot answer in time.")
    public GetOnlineFeaturesResponse getOnlineFeatures(@Body GetOnlineFeaturesRequest body, @Nullable @QueryValue("project") String project,
            @Nullable @Header(PROJECT_HEADER) String projectHeader) {
        OnlineFeatureQuery query = new OnlineFeatureQuery(project(project, projectHeader), body.features(), Optional.ofNullable(body.featureService()),
                body.entities(), body.requestContext(), Boolean.TRUE.equals(body.fullFeatureNames()));
        return GetOnlineFeaturesResponse.of(onlineFeatures.get(query));
    }

    private String project(String query, String header) {
        if (query != null && !query.isBlank()) {
            return query;
        }
        if (header != null && !header.isBlank()) {
            return header;
        }
        return properties.defaultProject();
    }
}
