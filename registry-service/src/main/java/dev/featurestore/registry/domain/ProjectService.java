package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.events.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Creates and reads projects. A creation and its {@code registry.object.changed} event are written in
 * one transaction (the outbox), so the event exists exactly when the project does. Creating a
 * project that was deleted revives it: its {@code registry_version} and version continue.
 * Deleting one is {@link ApplyService#deleteProject}, as it deletes definitions.
 */
@Singleton
public class ProjectService {
    static final String EVENT_SOURCE = "/featurestore/registry-service";

    private final Projects projects;
    private final Outbox outbox;
    private final Clock clock;

    public ProjectService(Projects projects, Outbox outbox) {
        this(projects, outbox, Clock.systemUTC());
    }

    ProjectService(Projects projects, Outbox outbox, Clock clock) {
        this.projects = requireNonNull(projects, "projects is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional
    public ProjectRecord create(Project project) {
        requireNonNull(project, "project is null");
        List<FieldError> errors = DefinitionDocuments.validate(project).stream()
                .map(error -> new FieldError(error.path(), error.message()))
                .toList();
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED,
                    "Invalid project: %d problem(s)".formatted(errors.size()), errors);
        }
        ProjectRecord record = projects.insertOrRevive(new ProjectRecord(
                project.name(),
                project.description() == null ? "" : project.description(),
                project.owner() == null ? "" : project.owner(),
                1,
                1,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .orElseThrow(() -> new FeatureStoreException(RegistryErrorCode.PROJECT_ALREADY_EXISTS,
                        "Project '%s' already exists".formatted(project.name())));
        outbox.append(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, EVENT_SOURCE, new RegistryObjectChanged(
                record.name(), ObjectKind.PROJECT, record.name(), ChangeAction.CREATED, record.version(), record.registryVersion(), List.of()),
                clock));
        return record;
    }

    public ProjectRecord get(String name) {
        return projects.find(name).orElseThrow(() -> RegistryErrorCode.projectNotFound(name));
    }

    public List<ProjectRecord> list() {
        return projects.list();
    }
}
