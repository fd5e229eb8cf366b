package dev.featurestore.registry.domain;

import dev.featurestore.contracts.definition.ObjectKind;
import java.util.List;
import java.util.Optional;

/** Where the objects of every project are kept, with every version, and the audit log. */
public interface Definitions {
    /**
     * The current (not deleted) objects of a project.
     *
     * @param project the project
     * @return its objects by kind ({@link DefinitionObjects#KINDS} order), then by name
     */
    List<ObjectVersion> current(String project);

    /**
     * The current version of an object, also when that version is its delete.
     *
     * @return empty when the object never existed
     */
    Optional<ObjectVersion> latest(String project, ObjectKind kind, String name);

    /** Writes a new version of an object and makes it the current one. */
    void write(ObjectVersion version);

    /** Every version of an object, oldest first; empty when it never existed. */
    List<ObjectVersion> versions(String project, ObjectKind kind, String name);

    Optional<ObjectVersion> version(String project, ObjectKind kind, String name, int version);

    void appendAudit(AuditEntry entry);

    /**
     * Audit entries of a project, newest first.
     *
     * @param beforeId only entries with a smaller id (a cursor); null for the newest
     * @param limit at most this many
     */
    List<AuditEntry> audit(String project, Long beforeId, int limit);

    /**
     * The current objects of every project that is not deleted whose stored definition may contain
     * {@code text}, ignoring case: a superset of the objects that do, which the caller matches
     * exactly (a store may scan the whole stored body, keys included).
     *
     * @param text what to look for; null for every current object
     * @return by project, then kind ({@link DefinitionObjects#KINDS} order), then name
     */
    List<ObjectVersion> currentInAllProjects(String text);
}
