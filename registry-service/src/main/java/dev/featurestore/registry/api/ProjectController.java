package dev.featurestore.registry.api;

import static dev.featurestore.registry.api.RequestParameters.registryVersion;
import static dev.featurestore.runtime.http.QueryParameters.flag;
import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.ApplyResponse;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.registry.domain.ApplyOptions;
import dev.featurestore.registry.domain.ProjectDeletion;
import dev.featurestore.registry.domain.ProjectService;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.AccessDirectory;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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

    private final ProjectAccess access;
    private final ProjectDeletion deletion;
    private final AccessDirectory directory;

    public ProjectController(ProjectService projects, ProjectAccess access, ProjectDeletion deletion, AccessDirectory directory) {
        this.directory = requireNonNull(directory, "directory is null");
        this.access = requireNonNull(access, "access is null");
        this.deletion = requireNonNull(deletion, "deletion is null");
        this.projects = requireNonNull(projects, "projects is null");
    }

    @Post
    @Operation(summary = "Create a project",
            description = "201 with the project; 400 naming each bad field; 409 when it exists. Publishes registry.object.changed.")
    public HttpResponse<ProjectResponse> create(@Nullable Authentication authentication, @Body CreateProjectRequest request) {
        if (request.name() == null) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid project: 1 problem(s)",
                    List.of(new FieldError("name", "is required")));
        }
        access.require(authentication, request.name(), Permission.EDIT);
        ProjectResponse created = ProjectResponse.of(projects.create(new Project(request.name(), request.description(), request.owner())));
        return HttpResponse.created(created, URI.create("/v1/projects/" + created.name()));
    }

    @Get
    @Operation(summary = "List projects", description = "Only the projects the caller may read.")
    public ProjectListResponse list(@Nullable Authentication authentication) {
        return new ProjectListResponse(projects.list().stream()
                .filter(project -> access.allows(authentication, project.name(), Permission.READ))
                .map(ProjectResponse::of).toList());
    }

    @Get("/{name}")
    @Operation(summary = "Get a project", description = "404 when there is no such project.")
    public ProjectResponse get(@Nullable Authentication authentication, @PathVariable String name) {
        access.require(authentication, name, Permission.READ);
        return ProjectResponse.of(projects.get(name));
    }

    @Delete("/{name}")
    @Operation(summary = "Delete a project",
            description = "409 PROJECT_NOT_EMPTY with the count of objects per kind while it holds objects, unless cascade=true, "
                    + "which deletes them too (one transaction, one registry.object.changed deleted event per object and one for the project). "
                    + "History (versions, audit) is kept; creating the project again continues its registry_version. "
                    + "Answers like apply: a delete per object, then the project's.")
    public ApplyResponse delete(
            @PathVariable String name,
            @Nullable @QueryValue("cascade") String cascade,
            @Nullable @QueryValue("dry_run") String dryRun,
            @Nullable @QueryValue("expected_registry_version") String expectedRegistryVersion,
            @Nullable Authentication authentication) {
        access.require(authentication, name, Permission.ADMIN);
        ApplyResponse deleted = deletion.delete(name, flag("cascade", cascade),
                new ApplyOptions(flag("dry_run", dryRun), false, false, registryVersion(expectedRegistryVersion), access.principal(authentication)));
        directory.refresh();
        return deleted;
    }
}
