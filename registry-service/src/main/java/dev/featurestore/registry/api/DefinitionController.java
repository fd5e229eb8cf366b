package dev.featurestore.registry.api;

import static dev.featurestore.registry.api.RequestParameters.registryVersion;
import static dev.featurestore.runtime.http.QueryParameters.flag;
import static dev.featurestore.runtime.http.QueryParameters.number;
import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.ApplyResponse;
import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.registry.domain.ApplyOptions;
import dev.featurestore.registry.domain.ApplyService;
import dev.featurestore.registry.domain.AuditEntry;
import dev.featurestore.registry.domain.DefinitionObjects;
import dev.featurestore.registry.domain.ProjectRecord;
import dev.featurestore.registry.domain.RegistryErrorCode;
import dev.featurestore.registry.domain.RegistryQueries;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The definitions of a project: declarative apply (and its plan), the snapshot other services
 * read, each object (list, get, put, delete) with its versions, and the audit log.
 */
@Controller("/v1/projects/{project}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "definitions")
public class DefinitionController {

    private final ApplyService applies;
    private final RegistryQueries queries;
    private final SnapshotCache snapshots;

    private final ProjectAccess access;

    public DefinitionController(ApplyService applies, RegistryQueries queries, SnapshotCache snapshots, ProjectAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.applies = requireNonNull(applies, "applies is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
    }

    @Post(uri = "/apply", consumes = {MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Apply a definition document (JSON or YAML)",
            description = "200 {registry_version, dry_run, changes[]}; 400 listing every problem of the document; "
                    + "409 naming each breaking change (unless allow_breaking=true) or when expected_registry_version does not match; "
                    + "413 when the body is too large. One transaction; one registry.object.changed event per changed object.")
    public ApplyResponse apply(
            HttpRequest<?> request,
            @PathVariable String project,
            @Nullable @Body String body,
            @Nullable @QueryValue("dry_run") String dryRun,
            @Nullable @QueryValue("prune") String prune,
            @Nullable @QueryValue("allow_breaking") String allowBreaking,
            @Nullable @QueryValue("expected_registry_version") String expectedRegistryVersion,
            @Nullable Authentication authentication) {
        access.require(authentication, project, Permission.EDIT);
        String json = json(request, body);
        ApplyOptions options = new ApplyOptions(
                flag("dry_run", dryRun), flag("prune", prune), flag("allow_breaking", allowBreaking),
                registryVersion(expectedRegistryVersion), access.principal(authentication));
        return applies.apply(project, json, options);
    }

    @Get("/registry")
    @Operation(summary = "Snapshot of a project's current objects and its registry_version",
            description = "With an ETag; If-None-Match with the current one answers 304. 404 when there is no such project.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegistrySnapshot.class)))
    public HttpResponse<byte[]> registry(@Nullable Authentication authentication, @PathVariable String project,
                                         @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        access.require(authentication, project, Permission.READ);
        ProjectRecord record = queries.project(project);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag(record.registryVersion()))) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag(record.registryVersion()));
        }
        SnapshotCache.Entry snapshot = snapshots.json(project, record.registryVersion(), () -> queries.snapshot(project));
        return HttpResponse.ok(snapshot.json())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag(snapshot.registryVersion()));
    }

    @Get("/audit")
    @Operation(summary = "The audit log of a project, newest first",
            description = "Pages of `limit` entries (default 50, at most 500); pass `next_cursor` of a page as `cursor` for the next one.")
    public AuditPageResponse audit(@Nullable Authentication authentication, @PathVariable String project, @Nullable @QueryValue("limit") String limit,
                                   @Nullable @QueryValue("cursor") String cursor) {
        access.require(authentication, project, Permission.READ);
        CursorPage<AuditEntry> page = CursorPage.read(limit, cursor, (before, size) -> queries.audit(project, before, size), AuditEntry::id);
        return new AuditPageResponse(project, page.entries().stream().map(AuditEntryResponse::of).toList(), page.nextCursor());
    }

    @Get("/{kind}")
    @Operation(summary = "The current objects of one kind, by name",
            description = "Filters: tag=key:value (or tag=key), owner, prefix (start of the name).")
    public ObjectListResponse list(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String kind, @Nullable @QueryValue("tag") String tag,
                                   @Nullable @QueryValue("owner") String owner, @Nullable @QueryValue("prefix") String prefix) {
        access.require(authentication, project, Permission.READ);
        ObjectKind objectKind = kind(kind);
        return new ObjectListResponse(objectKind, queries.list(project, objectKind, tag, owner, prefix).stream()
                .map(ObjectVersionResponse::of).toList());
    }

    @Put(uri = "/{kind}/{name}", consumes = {MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Create or replace one object with the rules of apply",
            description = "The body is the object as in a definition document; its name must be the one in the URL. "
                    + "Same flags (but prune), checks and answer as apply.")
    public ApplyResponse put(
            HttpRequest<?> request,
            @PathVariable String project,
            @PathVariable String kind,
            @PathVariable String name,
            @Nullable @Body String body,
            @Nullable @QueryValue("dry_run") String dryRun,
            @Nullable @QueryValue("allow_breaking") String allowBreaking,
            @Nullable @QueryValue("expected_registry_version") String expectedRegistryVersion,
            @Nullable Authentication authentication) {
        access.require(authentication, project, Permission.EDIT);
        ObjectKind objectKind = kind(kind);
        String json = json(request, body);
        ApplyOptions options = new ApplyOptions(flag("dry_run", dryRun), false, flag("allow_breaking", allowBreaking),
                registryVersion(expectedRegistryVersion), access.principal(authentication));
        return applies.put(project, objectKind, name, json, options);
    }

    @Delete("/{kind}/{name}")
    @Operation(summary = "Delete one object",
            description = "409 OBJECT_IN_USE naming every object that still refers to it. Answers like apply, with the one delete.")
    public ApplyResponse delete(
            @PathVariable String project,
            @PathVariable String kind,
            @PathVariable String name,
            @Nullable @QueryValue("dry_run") String dryRun,
            @Nullable @QueryValue("expected_registry_version") String expectedRegistryVersion,
            @Nullable Authentication authentication) {
        access.require(authentication, project, Permission.EDIT);
        ObjectKind objectKind = kind(kind);
        return applies.delete(project, objectKind, name,
                new ApplyOptions(flag("dry_run", dryRun), false, false, registryVersion(expectedRegistryVersion), access.principal(authentication)));
    }

    @Get("/{kind}/{name}")
    @Operation(summary = "The current version of an object", description = "kind is entities, data_sources, feature_views, on_demand_feature_views or feature_services.")
    public ObjectVersionResponse current(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String kind, @PathVariable String name) {
        access.require(authentication, project, Permission.READ);
        return ObjectVersionResponse.of(queries.current(project, kind(kind), name));
    }

    @Get("/{kind}/{name}/versions")
    @Operation(summary = "Every version of an object, oldest first (a delete is a version too)")
    public ObjectVersionListResponse versions(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String kind, @PathVariable String name) {
        access.require(authentication, project, Permission.READ);
        ObjectKind objectKind = kind(kind);
        return new ObjectVersionListResponse(objectKind, name,
                queries.versions(project, objectKind, name).stream().map(ObjectVersionResponse::of).toList());
    }

    @Get("/{kind}/{name}/versions/{version}")
    @Operation(summary = "One version of an object")
    public ObjectVersionResponse version(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String kind, @PathVariable String name,
                                         @PathVariable String version) {
        access.require(authentication, project, Permission.READ);
        return ObjectVersionResponse.of(queries.version(project, kind(kind), name, (int) number("version", version, 1, Integer.MAX_VALUE)));
    }

    private static String json(HttpRequest<?> request, String body) {
        String text = body == null ? "" : body;
        boolean yaml = request.getContentType().map(type -> type.getSubtype().toLowerCase(Locale.ROOT).contains("yaml")).orElse(false);
        return yaml ? YamlDocuments.toJson(text) : text;
    }

    static String etag(long registryVersion) {
        return "\"rv-%d\"".formatted(registryVersion);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*"));
    }

    private static ObjectKind kind(String section) {
        return DefinitionObjects.kindOfSection(section).orElseThrow(() -> unknownKind(section));
    }

    static FeatureStoreException unknownKind(String section) {
        return new FeatureStoreException(RegistryErrorCode.UNKNOWN_KIND, "No kind of object '%s': use one of %s".formatted(section,
                String.join(", ", DefinitionObjects.KINDS.stream().map(DefinitionObjects::section).toList())));
    }
}
