package dev.featurestore.registry.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Project;
import dev.featurestore.registry.domain.ProjectService;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/** {@code /v1/projects}: the namespaces every definition lives in. */
@Controller("/v1/projects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "projects")
public class ProjectController {
    private final ProjectService projects;

    public ProjectController(ProjectService projects) {
        this.projects = requireNonNull(projects, "projects is null");
    }

    @Post
    @Operation(summary = "Create a project",
            description = "201 with the project; 400 naming each bad field; 409 when it exists. Publishes registry.object.changed.")
    public HttpResponse<ProjectResponse> create(@Body CreateProjectRequest request) {
        if (request.name() == null) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid project: 1 problem(s)",
                    List.of(new FieldError("name", "is required")));
        }
        ProjectResponse created = ProjectResponse.of(projects.create(new Project(request.name(), request.description(), request.owner())));
        return HttpResponse.created(created, URI.create("/v1/projects/" + created.name()));
    }

    @Get
    @Operation(summary = "List projects")
    public ProjectListResponse list() {
        return new ProjectListResponse(projects.list().stream().map(ProjectResponse::of).toList());
    }

    @Get("/{name}")
    @Operation(summary = "Get a project", description = "404 when there is no such project.")
    public ProjectResponse get(@PathVariable String name) {
        return ProjectResponse.of(projects.get(name));
    }
}
