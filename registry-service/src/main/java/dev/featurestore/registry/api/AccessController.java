package dev.featurestore.registry.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.contracts.access.RoleBinding;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.registry.api.AccessRecords.AccessAuditEntryResponse;
import dev.featurestore.registry.api.AccessRecords.AccessAuditPageResponse;
import dev.featurestore.registry.api.AccessRecords.ApiKeyListResponse;
import dev.featurestore.registry.api.AccessRecords.ApiKeyResponse;
import dev.featurestore.registry.api.AccessRecords.CreateApiKeyRequest;
import dev.featurestore.registry.api.AccessRecords.RoleBindingListResponse;
import dev.featurestore.registry.api.AccessRecords.RoleBindingRequest;
import dev.featurestore.registry.api.AccessRecords.RoleBindingResponse;
import dev.featurestore.registry.domain.access.AccessAuditEntry;
import dev.featurestore.registry.domain.access.AccessService;
import dev.featurestore.runtime.security.AccessDirectory;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * API keys and role bindings, per project ({@code /v1/projects/{project}/...}, project admins) and for every project
 * ({@code /v1/api-keys}, {@code /v1/role-bindings}, admins of every project), their audit log, and
 * {@code GET /v1/access}: the directory the other services authenticate and authorize with.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "access")
public class AccessController {
    private final AccessService access;
    private final ProjectAccess projectAccess;
    private final AccessDirectory directory;

    public AccessController(AccessService access, ProjectAccess projectAccess, AccessDirectory directory) {
        this.access = requireNonNull(access, "access is null");
        this.projectAccess = requireNonNull(projectAccess, "projectAccess is null");
        this.directory = requireNonNull(directory, "directory is null");
    }

    @Get("/access")
    @Operation(summary = "Every API key (SHA-256 only) and role binding, for the other services",
            description = "Only the services' key and admins of every project. ETag is the access version; If-None-Match answers 304.")
    public HttpResponse<byte[]> directory(@Nullable Authentication authentication, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        projectAccess.requireServiceOrAdmin(authentication);
        long version = access.version();
        String etag = "\"access-%d\"".formatted(version);
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        AccessSnapshot snapshot = access.snapshot();
        try {
            return HttpResponse.ok(ContractsJson.mapper().writeValueAsBytes(snapshot))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.ETAG, "\"access-%d\"".formatted(snapshot.version()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Post("/projects/{project}/api-keys")
    @Operation(summary = "Create an API key bound to roles in the project",
            description = "Project admins. Body {name, roles[], expires_at?}. 201 with the key in `key`: shown this once, only its SHA-256 is kept.")
    public HttpResponse<ApiKeyResponse> createKey(@Nullable Authentication authentication, @PathVariable String project,
                                                  @Body CreateApiKeyRequest request) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return created(project, request, authentication);
    }

    @Post("/api-keys")
    @Operation(summary = "Create an API key bound to roles in every project", description = "Admins of every project. As the project's.")
    public HttpResponse<ApiKeyResponse> createGlobalKey(@Nullable Authentication authentication, @Body CreateApiKeyRequest request) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return created(RoleBinding.ALL_PROJECTS, request, authentication);
    }

    @Get("/projects/{project}/api-keys")
    @Operation(summary = "The project's API keys (never their secrets)", description = "Project admins; revoked keys included, newest first.")
    public ApiKeyListResponse keys(@Nullable Authentication authentication, @PathVariable String project) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return keyList(project);
    }

    @Get("/api-keys")
    @Operation(summary = "The API keys of every project", description = "Admins of every project.")
    public ApiKeyListResponse globalKeys(@Nullable Authentication authentication) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return keyList(RoleBinding.ALL_PROJECTS);
    }

    @Delete("/projects/{project}/api-keys/{keyId}")
    @Operation(summary = "Revoke an API key of the project", description = "Project admins. It stops working everywhere within seconds.")
    public ApiKeyResponse revoke(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String keyId) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return revoked(project, keyId, authentication);
    }

    @Delete("/api-keys/{keyId}")
    @Operation(summary = "Revoke a key created for every project", description = "Admins of every project.")
    public ApiKeyResponse revokeGlobal(@Nullable Authentication authentication, @PathVariable String keyId) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return revoked(RoleBinding.ALL_PROJECTS, keyId, authentication);
    }

    @Get("/projects/{project}/role-bindings")
    @Operation(summary = "Who holds which role in the project", description = "Project admins.")
    public RoleBindingListResponse bindings(@Nullable Authentication authentication, @PathVariable String project) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return bindingList(project);
    }

    @Get("/role-bindings")
    @Operation(summary = "Who holds which role in every project", description = "Admins of every project.")
    public RoleBindingListResponse globalBindings(@Nullable Authentication authentication) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return bindingList(RoleBinding.ALL_PROJECTS);
    }

    @Post("/projects/{project}/role-bindings")
    @Operation(summary = "Bind a role to a principal in the project",
            description = "Project admins. Body {principal: user:<sub> | group:<name> | key:<key id>, role}. 201 when new, 200 when it existed.")
    public HttpResponse<RoleBindingResponse> bind(@Nullable Authentication authentication, @PathVariable String project,
                                                  @Body RoleBindingRequest request) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return bound(project, request, authentication);
    }

    @Post("/role-bindings")
    @Operation(summary = "Bind a role to a principal in every project", description = "Admins of every project.")
    public HttpResponse<RoleBindingResponse> bindGlobal(@Nullable Authentication authentication, @Body RoleBindingRequest request) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return bound(RoleBinding.ALL_PROJECTS, request, authentication);
    }

    @Delete("/projects/{project}/role-bindings")
    @Operation(summary = "Remove a role binding", description = "Project admins. Query principal and role. 204; 404 when there is none.")
    public HttpResponse<Void> unbind(@Nullable Authentication authentication, @PathVariable String project,
                                     @Nullable @QueryValue("principal") String principal, @Nullable @QueryValue("role") String role) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return unbound(project, principal, role, authentication);
    }

    @Delete("/role-bindings")
    @Operation(summary = "Remove a role binding of every project", description = "Admins of every project.")
    public HttpResponse<Void> unbindGlobal(@Nullable Authentication authentication, @Nullable @QueryValue("principal") String principal,
                                           @Nullable @QueryValue("role") String role) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return unbound(RoleBinding.ALL_PROJECTS, principal, role, authentication);
    }

    @Get("/projects/{project}/access-audit")
    @Operation(summary = "Changes of the project's keys and bindings, newest first",
            description = "Project admins. Pages of `limit` (default 50, at most 500); `next_cursor` as `cursor` for the next.")
    public AccessAuditPageResponse audit(@Nullable Authentication authentication, @PathVariable String project,
                                         @Nullable @QueryValue("limit") String limit, @Nullable @QueryValue("cursor") String cursor) {
        projectAccess.require(authentication, project, Permission.ADMIN);
        return auditPage(project, limit, cursor);
    }

    @Get("/access-audit")
    @Operation(summary = "Changes of the keys and bindings of every project (project *)", description = "Admins of every project.")
    public AccessAuditPageResponse globalAudit(@Nullable Authentication authentication, @Nullable @QueryValue("limit") String limit,
                                               @Nullable @QueryValue("cursor") String cursor) {
        projectAccess.requireEverywhere(authentication, Permission.ADMIN);
        return auditPage(RoleBinding.ALL_PROJECTS, limit, cursor);
    }

    private HttpResponse<ApiKeyResponse> created(String project, CreateApiKeyRequest request, Authentication authentication) {
        AccessService.CreatedKey key = access.createKey(project, request.name(), request.roles(), request.expiresAt(),
                projectAccess.principal(authentication));
        directory.refresh();
        return HttpResponse.created(ApiKeyResponse.of(key.record(), key.roles(), key.key()),
                URI.create(RoleBinding.ALL_PROJECTS.equals(project) ? "/v1/api-keys/" + key.record().keyId()
                        : "/v1/projects/%s/api-keys/%s".formatted(project, key.record().keyId())));
    }

    private ApiKeyListResponse keyList(String project) {
        List<ApiKeyRecord> keys = access.keys(project);
        return new ApiKeyListResponse(project, keys.stream().map(key -> ApiKeyResponse.of(key, null, null)).toList());
    }

    private ApiKeyResponse revoked(String project, String keyId, Authentication authentication) {
        ApiKeyRecord key = access.revokeKey(project, keyId, projectAccess.principal(authentication));
        directory.refresh();
        return ApiKeyResponse.of(key, null, null);
    }

    private RoleBindingListResponse bindingList(String project) {
        return new RoleBindingListResponse(project, access.bindings(project).stream().map(RoleBindingResponse::of).toList());
    }

    private HttpResponse<RoleBindingResponse> bound(String project, RoleBindingRequest request, Authentication authentication) {
        boolean added = access.bind(project, request.principal(), request.role(), projectAccess.principal(authentication));
        directory.refresh();
        RoleBindingResponse body = new RoleBindingResponse(project, request.principal(), request.role());
        return added ? HttpResponse.created(body) : HttpResponse.ok(body);
    }

    private HttpResponse<Void> unbound(String project, String principal, String role, Authentication authentication) {
        access.unbind(project, principal, role, projectAccess.principal(authentication));
        directory.refresh();
        return HttpResponse.noContent();
    }

    private AccessAuditPageResponse auditPage(String project, String limit, String cursor) {
        CursorPage<AccessAuditEntry> page = CursorPage.read(limit, cursor, (before, size) -> access.auditLog(project, before, size),
                AccessAuditEntry::id);
        return new AccessAuditPageResponse(project, page.entries().stream().map(AccessAuditEntryResponse::of).toList(), page.nextCursor());
    }
}
