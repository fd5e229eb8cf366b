package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.ApplyResponse;
import dev.featurestore.contracts.api.ObjectChange;
import dev.featurestore.contracts.api.PlanAction;
import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.DefinitionParseResult;
import dev.featurestore.contracts.validation.ExistingObjects;
import dev.featurestore.contracts.validation.ValidationError;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.events.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Declarative apply: validates a whole definition document, plans it against the project's
 * current objects, judges the plan by the evolution rules, and writes it in one transaction (new
 * object versions, audit rows, the project's {@code registry_version} bumped once, one
 * {@code registry.object.changed} event per changed object through the outbox). The project row
 * is locked first, so applies to one project are serialized; an apply to a missing project
 * creates it. Any failure leaves nothing written.
 */
@Singleton
public class ApplyService {
    private static final Pattern SECTION_ITEM = Pattern.compile("([a-z_]+)\\[(\\d+)\\](.*)");

    private final Projects projects;
    private final Definitions definitions;
    private final ExpressionChecker expressionChecker;
    private final StorageRoots storageRoots;
    private final Outbox outbox;
    private final Clock clock;

    @Inject
    public ApplyService(Projects projects, Definitions definitions, ExpressionChecker expressionChecker, StorageRoots storageRoots, Outbox outbox) {
        this(projects, definitions, expressionChecker, storageRoots, outbox, Clock.systemUTC());
    }

    ApplyService(Projects projects, Definitions definitions, ExpressionChecker expressionChecker, StorageRoots storageRoots, Outbox outbox,
                 Clock clock) {
        this.projects = requireNonNull(projects, "projects is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.expressionChecker = requireNonNull(expressionChecker, "expressionChecker is null");
        this.storageRoots = requireNonNull(storageRoots, "storageRoots is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Applies a definition document to a project.
     *
     * @param project the project, created when missing (unless a dry run)
     * @param json the document as JSON text
     * @param options the flags
     * @return the plan, and the project's registry version after it
     * @throws FeatureStoreException {@code VALIDATION_FAILED} with every problem of the document,
     *         {@code BREAKING_CHANGE} naming each breaking change, {@code REGISTRY_VERSION_MISMATCH}
     */
    @Transactional
    public ApplyResponse apply(String project, String json, ApplyOptions options) {
        return apply(project, json, options, document -> {
        });
    }

    /**
     * Creates or replaces one object with the rules of apply ({@code PUT .../{kind}/{name}}).
     *
     * @param project the project, created when missing
     * @param kind the kind named in the URL
     * @param name the name named in the URL, which the object must have
     * @param objectJson the object as JSON text, as it would be in a document
     * @param options the flags ({@code prune} is ignored)
     * @return the plan of the one object
     */
    @Transactional
    public ApplyResponse put(String project, ObjectKind kind, String name, String objectJson, ApplyOptions options) {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(objectJson, "objectJson is null");
        String document = "{\"%s\": [%s]}".formatted(DefinitionObjects.section(kind), objectJson.isBlank() ? "null" : objectJson);
        ApplyOptions withoutPrune = new ApplyOptions(options.dryRun(), false, options.allowBreaking(), options.expectedRegistryVersion(), options.actor());
        return apply(project, document, withoutPrune, parsed -> {
            DefinitionObject object = DefinitionObjects.of(parsed).get(0);
            if (!object.name().equals(name)) {
                String message = "is '%s' but the URL names '%s'".formatted(object.name(), name);
                throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid %s: name %s".formatted(kind.wireName(), message),
                        List.of(new FieldError("name", message)));
            }
        });
    }

    /**
     * Deletes one object, refused while another object refers to it.
     *
     * @param project the project
     * @param kind the kind
     * @param name the name
     * @param options {@code dry_run}, {@code expected_registry_version} and the actor
     * @return the plan: the one delete
     * @throws FeatureStoreException {@code OBJECT_IN_USE} naming every object that refers to it
     */
    @Transactional
    public ApplyResponse delete(String project, ObjectKind kind, String name, ApplyOptions options) {
        requireNonNull(project, "project is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(options, "options is null");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ProjectRecord locked = (options.dryRun() ? projects.find(project) : projects.lock(project))
                .orElseThrow(() -> RegistryErrorCode.projectNotFound(project));
        checkExpectedVersion(locked.name(), locked.registryVersion(), options);
        List<DefinitionObject> current = definitions.current(project).stream().map(ObjectVersion::object).toList();
        DefinitionObject target = DefinitionObjects.require(project, current, kind, name);
        List<DefinitionObject> users = References.usersOf(target, current);
        if (!users.isEmpty()) {
            String usedBy = String.join(", ", users.stream().map(user -> "%s '%s'".formatted(user.kind().wireName(), user.name())).toList());
            throw new FeatureStoreException(RegistryErrorCode.OBJECT_IN_USE,
                    "%s '%s' is used by %s; change or delete those first".formatted(kind.wireName(), name, usedBy),
                    users.stream().map(user -> new FieldError(DefinitionObjects.section(user.kind()) + "." + user.name(),
                            "refers to %s '%s'".formatted(kind.wireName(), name))).toList());
        }
        Plan plan = new Plan(List.of(new PlannedChange(target, PlanAction.DELETE, List.of(), List.of())));
        if (options.dryRun()) {
            return response(locked.registryVersion(), true, plan);
        }
        return write(project, Optional.empty(), locked.registryVersion(), plan, options, now);
    }

    /**
     * Deletes a project ({@code DELETE /v1/projects/{project}}). Refused while the project holds
     * current objects, unless {@code cascade}: then every object is deleted too, in one
     * transaction and one {@code registry_version}: a tombstone version, an audit row and a
     * {@code deleted} event per object (feature services first, entities last), then the
     * project's audit row and {@code deleted} event. The history stays: the project's row is
     * marked deleted, its versions and audit log are kept, and creating it again continues its
     * {@code registry_version} and the objects' versions.
     *
     * @param project the project
     * @param cascade also delete the objects it holds
     * @param options {@code dry_run}, {@code expected_registry_version} and the actor
     * @return the plan: a delete per object, then the project's delete
     * @throws FeatureStoreException {@code PROJECT_NOT_EMPTY} with the count of objects per kind
     */
    @Transactional
    public ApplyResponse deleteProject(String project, boolean cascade, ApplyOptions options) {
        requireNonNull(project, "project is null");
        requireNonNull(options, "options is null");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ProjectRecord locked = (options.dryRun() ? projects.find(project) : projects.lock(project))
                .orElseThrow(() -> RegistryErrorCode.projectNotFound(project));
        checkExpectedVersion(project, locked.registryVersion(), options);
        List<DefinitionObject> current = definitions.current(project).stream().map(ObjectVersion::object).toList();
        if (!current.isEmpty() && !cascade) {
            Map<ObjectKind, Long> counts = new LinkedHashMap<>();
            DefinitionObjects.KINDS.forEach(kind -> {
                long count = current.stream().filter(object -> object.kind() == kind).count();
                if (count > 0) {
                    counts.put(kind, count);
                }
            });
            String holds = String.join(", ", counts.entrySet().stream()
                    .map(entry -> "%d %s".formatted(entry.getValue(), DefinitionObjects.section(entry.getKey()))).toList());
            throw new FeatureStoreException(RegistryErrorCode.PROJECT_NOT_EMPTY,
                    "Project '%s' holds %s; delete them first or use cascade=true".formatted(project, holds),
                    counts.entrySet().stream().map(entry -> new FieldError(DefinitionObjects.section(entry.getKey()),
                            "holds %d object(s)".formatted(entry.getValue()))).toList());
        }
        List<DefinitionObject> deletes = new ArrayList<>(current);
        // What refers to others goes first: feature services, on-demand views, views, sources, entities.
        deletes.sort(Comparator.<DefinitionObject>comparingInt(object -> -DefinitionObjects.KINDS.indexOf(object.kind()))
                .thenComparing(DefinitionObject::name));
        List<ObjectChange> changes = new ArrayList<>();
        deletes.forEach(object -> changes.add(new ObjectChange(object.kind(), object.name(), PlanAction.DELETE, List.of())));
        changes.add(new ObjectChange(ObjectKind.PROJECT, project, PlanAction.DELETE, List.of()));
        if (options.dryRun()) {
            return new ApplyResponse(locked.registryVersion(), true, changes);
        }
        long registryVersion = locked.registryVersion() + 1;
        for (DefinitionObject object : deletes) {
            int version = definitions.latest(project, object.kind(), object.name()).map(ObjectVersion::version).orElse(0) + 1;
            definitions.write(new ObjectVersion(project, object, version, true, registryVersion, now));
            record(project, object.kind(), object.name(), version, ChangeAction.DELETED, List.of(), registryVersion, options.actor(), now);
        }
        int projectVersion = locked.version() + 1;
        projects.markDeleted(project, registryVersion, projectVersion, now);
        record(project, ObjectKind.PROJECT, project, projectVersion, ChangeAction.DELETED, List.of(), registryVersion, options.actor(), now);
        return new ApplyResponse(registryVersion, false, changes);
    }

    private ApplyResponse apply(String project, String json, ApplyOptions options, Consumer<DefinitionDocument> documentCheck) {
        requireNonNull(project, "project is null");
        requireNonNull(json, "json is null");
        requireNonNull(options, "options is null");
        checkProjectName(project);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        // Locks the project row when there is one; a missing project is created only once the
        // document has passed every check, so that a refused apply writes nothing at all.
        Optional<ProjectRecord> locked = options.dryRun() ? projects.find(project) : projects.lock(project);
        long currentRegistryVersion = locked.map(ProjectRecord::registryVersion).orElse(0L);
        checkExpectedVersion(project, currentRegistryVersion, options);

        List<DefinitionObject> current = locked.isEmpty() ? List.of()
                : definitions.current(project).stream().map(ObjectVersion::object).toList();
        ExistingObjects existing = options.prune() ? ExistingObjects.none() : ExistingObjects.of(DefinitionObjects.toDocument(current));
        DefinitionDocument document = validate(json, existing);
        documentCheck.accept(document);

        Plan plan = Planner.plan(DefinitionObjects.of(document), current, options.prune());
        List<BreakingChange> breaking = plan.breakingChanges();
        if (!breaking.isEmpty() && !options.allowBreaking()) {
            throw new FeatureStoreException(RegistryErrorCode.BREAKING_CHANGE,
                    "The document makes %d breaking change(s): %s; apply with allow_breaking=true to accept them".formatted(
                            breaking.size(), String.join("; ", breaking.stream().map(BreakingChange::toString).toList())),
                    breaking.stream().map(change -> new FieldError(change.path(), change.message())).toList());
        }
        if (!options.prune()) {
            checkKeptObjectsStillResolve(DefinitionObjects.of(document), current);
        }
        boolean createsProject = locked.isEmpty() && !options.dryRun();
        if (options.dryRun() || (!plan.changesSomething() && !createsProject)) {
            return response(currentRegistryVersion, options.dryRun(), plan);
        }

        if (!createsProject) {
            return write(project, Optional.empty(), currentRegistryVersion, plan, options, now);
        }
        // A deleted project of that name is revived: its registry_version continues.
        Optional<ProjectRecord> created = projects.insertOrRevive(new ProjectRecord(project, "", "", 0, 1, now));
        if (created.isEmpty()) {
            // A concurrent apply created the project after we looked: plan again against what it wrote.
            return apply(project, json, options, documentCheck);
        }
        return write(project, created, created.get().registryVersion(), plan, options, now);
    }

    private ApplyResponse write(String project, Optional<ProjectRecord> createdProject, long currentRegistryVersion, Plan plan,
                                ApplyOptions options, Instant now) {
        long registryVersion = currentRegistryVersion + 1;
        createdProject.ifPresent(created -> record(project, ObjectKind.PROJECT, project, created.version(), ChangeAction.CREATED, List.of(),
                registryVersion, options.actor(), now));
        for (PlannedChange change : plan.changes()) {
            Optional<ChangeAction> action = change.action().changeAction();
            if (action.isEmpty()) {
                continue;
            }
            int version = definitions.latest(project, change.kind(), change.name()).map(ObjectVersion::version).orElse(0) + 1;
            definitions.write(new ObjectVersion(project, change.object(), version, change.action() == PlanAction.DELETE, registryVersion, now));
            record(project, change.kind(), change.name(), version, action.get(), change.renderedDiffs(), registryVersion, options.actor(), now);
        }
        projects.updateRegistryVersion(project, registryVersion);
        return response(registryVersion, false, plan);
    }

    private static void checkExpectedVersion(String project, long currentRegistryVersion, ApplyOptions options) {
        if (options.expectedRegistryVersion() != null && options.expectedRegistryVersion() != currentRegistryVersion) {
            throw new FeatureStoreException(RegistryErrorCode.REGISTRY_VERSION_MISMATCH,
                    "Project '%s' is at registry_version %d, the request expected %d".formatted(
                            project, currentRegistryVersion, options.expectedRegistryVersion()));
        }
    }

    /**
     * Without prune, the project's objects the document does not name stay; they must still be
     * valid next to the applied ones (a feature service naming a feature the document removes, an
     * on-demand view reading a view whose name changed). Checked by validating the merged result
     * and keeping the problems of the kept objects, named by kind and name.
     */
    private static void checkKeptObjectsStillResolve(List<DefinitionObject> applied, List<DefinitionObject> current) {
        Set<String> appliedKeys = new HashSet<>();
        applied.forEach(object -> appliedKeys.add(object.kind().wireName() + "/" + object.name()));
        List<DefinitionObject> kept = current.stream().filter(object -> !appliedKeys.contains(object.kind().wireName() + "/" + object.name())).toList();
        if (kept.isEmpty()) {
            return;
        }
        List<DefinitionObject> merged = new ArrayList<>(applied);
        merged.addAll(kept);
        DefinitionDocument mergedDocument = DefinitionObjects.toDocument(merged);
        List<FieldError> errors = new ArrayList<>();
        // the kept objects as they were stored: bounds that came later (docs/limits.md) do not make them unusable
        for (ValidationError error : DefinitionDocuments.validateStored(mergedDocument)) {
            Matcher matcher = SECTION_ITEM.matcher(error.path());
            if (!matcher.matches()) {
                continue;
            }
            Optional<ObjectKind> kind = DefinitionObjects.kindOfSection(matcher.group(1));
            if (kind.isEmpty()) {
                continue;
            }
            List<DefinitionObject> section = merged.stream().filter(object -> object.kind() == kind.get()).toList();
            int index = Integer.parseInt(matcher.group(2));
            if (index < section.size() && kept.contains(section.get(index))) {
                errors.add(new FieldError(matcher.group(1) + "." + section.get(index).name() + matcher.group(3), error.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(RegistryErrorCode.OBJECT_IN_USE,
                    "The document breaks %d reference(s) of objects it does not name: %s".formatted(errors.size(),
                            String.join("; ", errors.stream().map(error -> error.path() + ": " + error.message()).toList())),
                    errors);
        }
    }

    private void record(String project, ObjectKind kind, String name, int version, ChangeAction action, List<String> diffs,
                        long registryVersion, String actor, Instant now) {
        definitions.appendAudit(new AuditEntry(0, project, kind, name, version, action, diffs, actor, registryVersion, now));
        outbox.append(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, ProjectService.EVENT_SOURCE,
                new RegistryObjectChanged(project, kind, name, action, version, registryVersion, diffs), clock));
    }

    private DefinitionDocument validate(String json, ExistingObjects existing) {
        DefinitionParseResult parsed = DefinitionDocuments.parse(json, existing);
        List<ValidationError> errors = new ArrayList<>(parsed.errors());
        if (parsed.isValid()) {
            errors.addAll(expressionChecker.check(parsed.document(), existing));
            errors.addAll(checkSourcePaths(parsed.document()));
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED,
                    "Invalid definition document: %d problem(s): %s".formatted(errors.size(),
                            String.join("; ", errors.stream().map(ValidationError::toString).toList())),
                    errors.stream().map(error -> new FieldError(error.path(), error.message())).toList());
        }
        return parsed.document();
    }

    /**
     * Every parquet source's path lies under an allowed storage root once normalized (no local paths unless enabled,
     * no other bucket, no {@code ..} climbing out of a root), and is written in its normalized form (the services read
     * and write the path as it is, so {@code ..}, {@code //}, encoded characters or an upper-case scheme are refused
     * naming the form to use): refused naming {@code data_sources.<name>.path}.
     */
    private List<ValidationError> checkSourcePaths(DefinitionDocument document) {
        List<ValidationError> errors = new ArrayList<>();
        for (DataSource source : document.dataSources() == null ? List.<DataSource>of() : document.dataSources()) {
            if (source instanceof ParquetSource parquet) {
                String field = "data_sources.%s.path".formatted(parquet.name());
                try {
                    StorageUri normalized = storageRoots.check(parquet.path());
                    if (!normalized.equals(parsedAsIs(parquet.path()))) {
                        errors.add(new ValidationError(field, "not in normalized form; write it as '%s'".formatted(normalized)));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new ValidationError(field, e.getMessage()));
                }
            }
        }
        return errors;
    }

    private static StorageUri parsedAsIs(String path) {
        try {
            return StorageUri.parse(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void checkProjectName(String project) {
        List<FieldError> errors = DefinitionDocuments.validate(new Project(project, null, null)).stream()
                .map(error -> new FieldError("project", error.message()))
                .toList();
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED,
                    "Invalid project name: %s".formatted(errors.get(0).message()), errors);
        }
    }

    private static ApplyResponse response(long registryVersion, boolean dryRun, Plan plan) {
        return new ApplyResponse(registryVersion, dryRun, plan.changes().stream()
                .map(change -> new ObjectChange(change.kind(), change.name(), change.action(), change.renderedDiffs()))
                .toList());
    }
}
