package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.runtime.error.FeatureStoreException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Reads of the registry: snapshots, objects with their versions, the audit log. */
@Singleton
public class RegistryQueries {
    private final Projects projects;
    private final Definitions definitions;

    public RegistryQueries(Projects projects, Definitions definitions) {
        this.projects = requireNonNull(projects, "projects is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
    }

    /**
     * Every current object of a project and the registry version they are at, read in one
     * snapshot of the database.
     */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public RegistrySnapshot snapshot(String project) {
        ProjectRecord record = project(project);
        List<DefinitionObject> objects = definitions.current(project).stream().map(ObjectVersion::object).toList();
        return RegistrySnapshot.of(project, record.registryVersion(), DefinitionObjects.toDocument(objects));
    }

    @Transactional(readOnly = true)
    public ProjectRecord project(String project) {
        return projects.find(project).orElseThrow(() -> RegistryErrorCode.projectNotFound(project));
    }

    /**
     * The current objects of one kind, by name, filtered.
     *
     * @param tag {@code key:value} (or just {@code key}) the object's tags must hold; null for any
     * @param owner the exact owner; null for any
     * @param prefix the start of the name; null for any
     */
    @Transactional(readOnly = true)
    public List<ObjectVersion> list(String project, ObjectKind kind, String tag, String owner, String prefix) {
        project(project);
        return definitions.current(project).stream()
                .filter(version -> version.object().kind() == kind)
                .filter(version -> prefix == null || version.object().name().startsWith(prefix))
                .filter(version -> matches(version.object(), tag, owner))
                .toList();
    }

    private static boolean matches(DefinitionObject object, String tag, String owner) {
        if (tag == null && owner == null) {
            return true;
        }
        Map<?, ?> tree = (Map<?, ?>) DefinitionObjects.plain(DefinitionObjects.toTree(object));
        if (owner != null && !owner.equals(tree.get("owner"))) {
            return false;
        }
        if (tag != null) {
            Map<?, ?> tags = tree.get("tags") instanceof Map<?, ?> map ? map : Map.of();
            int colon = tag.indexOf(':');
            String key = colon < 0 ? tag : tag.substring(0, colon);
            if (!tags.containsKey(key) || (colon >= 0 && !tag.substring(colon + 1).equals(tags.get(key)))) {
                return false;
            }
        }
        return true;
    }

    /** The current version of an object; not found when it does not exist or is deleted. */
    @Transactional(readOnly = true)
    public ObjectVersion current(String project, ObjectKind kind, String name) {
        project(project);
        return definitions.latest(project, kind, name)
                .filter(version -> !version.deleted())
                .orElseThrow(() -> RegistryErrorCode.objectNotFound(project, kind, name));
    }

    /**
     * Every version of an object, oldest first, including the delete of a deleted object; also
     * for a deleted project.
     */
    @Transactional(readOnly = true)
    public List<ObjectVersion> versions(String project, ObjectKind kind, String name) {
        history(project);
        List<ObjectVersion> versions = definitions.versions(project, kind, name);
        if (versions.isEmpty()) {
            throw RegistryErrorCode.objectNotFound(project, kind, name);
        }
        return versions;
    }

    @Transactional(readOnly = true)
    public ObjectVersion version(String project, ObjectKind kind, String name, int version) {
        List<ObjectVersion> versions = versions(project, kind, name);
        return versions.stream().filter(candidate -> candidate.version() == version).findFirst()
                .orElseThrow(() -> new FeatureStoreException(RegistryErrorCode.VERSION_NOT_FOUND,
                        "%s '%s' of project '%s' has no version %d (it has 1 to %d)".formatted(
                                kind.wireName(), name, project, version, versions.get(versions.size() - 1).version())));
    }

    /**
     * A page of the audit log, newest first; also for a deleted project.
     *
     * @param beforeId the cursor: entries older than this id; null for the newest
     * @param limit the page size
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> audit(String project, Long beforeId, int limit) {
        history(project);
        return definitions.audit(project, beforeId, limit);
    }

    /** History (versions, audit) stays readable after a project is deleted. */
    private void history(String project) {
        if (!projects.hasHistory(project)) {
            throw RegistryErrorCode.projectNotFound(project);
        }
    }
}
