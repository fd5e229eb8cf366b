package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.ApplyResponse;
import dev.featurestore.contracts.api.ObjectChange;
import dev.featurestore.contracts.api.PlanAction;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.DefinitionParseResult;
import dev.featurestore.contracts.validation.ExistingObjects;
import dev.featurestore.contracts.validation.ValidationError;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.events.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    private final Projects projects;
    private final Definitions definitions;
    private final ExpressionChecker expressionChecker;
    private final Outbox outbox;
    private final Clock clock;

    public ApplyService(Projects projects, Definitions definitions, ExpressionChecker expressionChecker, Outbox outbox) {
        this(projects, definitions, expressionChecker, outbox, Clock.systemUTC());
    }

    ApplyService(Projects projects, Definitions definitions, ExpressionChecker expressionChecker, Outbox outbox, Clock clock) {
        this.projects = requireNonNull(projects, "projects is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.expressionChecker = requireNonNull(expressionChecker, "expressionChecker is null");
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
        requireNonNull(project, "project is null");
        requireNonNull(json, "json is null");
        requireNonNull(options, "options is null");
        checkProjectName(project);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        // Locks the project row when there is one; a missing project is created only once the
        // document has passed every check, so that a refused apply writes nothing at all.
        Optional<ProjectRecord> locked = options.dryRun() ? projects.find(project) : projects.lock(project);
        long currentRegistryVersion = locked.map(ProjectRecord::registryVersion).orElse(0L);
        if (options.expectedRegistryVersion() != null && options.expectedRegistryVersion() != currentRegistryVersion) {
            throw new FeatureStoreException(RegistryErrorCode.REGISTRY_VERSION_MISMATCH,
                    "Project '%s' is at registry_version %d, the apply expected %d".formatted(
                            project, currentRegistryVersion, options.expectedRegistryVersion()));
        }

        List<DefinitionObject> current = locked.isEmpty() ? List.of()
                : definitions.current(project).stream().map(ObjectVersion::object).toList();
        ExistingObjects existing = options.prune() ? ExistingObjects.none() : ExistingObjects.of(DefinitionObjects.toDocument(current));
        DefinitionDocument document = validate(json, existing);

        Plan plan = Planner.plan(DefinitionObjects.of(document), current, options.prune());
        List<BreakingChange> breaking = plan.breakingChanges();
        if (!breaking.isEmpty() && !options.allowBreaking()) {
            throw new FeatureStoreException(RegistryErrorCode.BREAKING_CHANGE,
                    "The document makes %d breaking change(s): %s; apply with allow_breaking=true to accept them".formatted(
                            breaking.size(), String.join("; ", breaking.stream().map(BreakingChange::toString).toList())),
                    breaking.stream().map(change -> new FieldError(change.path(), change.message())).toList());
        }
        boolean createsProject = locked.isEmpty() && !options.dryRun();
        if (options.dryRun() || (!plan.changesSomething() && !createsProject)) {
            return response(currentRegistryVersion, options.dryRun(), plan);
        }

        if (createsProject && !projects.insertIfAbsent(new ProjectRecord(project, "", "", 0, now))) {
            // A concurrent apply created the project after we looked: plan again against what it wrote.
            return apply(project, json, options);
        }
        long registryVersion = currentRegistryVersion + 1;
        if (createsProject) {
            record(project, ObjectKind.PROJECT, project, 1, ChangeAction.CREATED, List.of(), registryVersion, options.actor(), now);
        }
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
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED,
                    "Invalid definition document: %d problem(s): %s".formatted(errors.size(),
                            String.join("; ", errors.stream().map(ValidationError::toString).toList())),
                    errors.stream().map(error -> new FieldError(error.path(), error.message())).toList());
        }
        return parsed.document();
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
