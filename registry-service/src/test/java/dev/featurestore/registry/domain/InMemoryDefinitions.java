package dev.featurestore.registry.domain;

import dev.featurestore.contracts.definition.ObjectKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class InMemoryDefinitions implements Definitions {
    private final List<ObjectVersion> versions = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    @Override
    public List<ObjectVersion> current(String project) {
        return versions.stream()
                .filter(version -> version.project().equals(project))
                .map(version -> latest(project, version.object().kind(), version.object().name()).orElseThrow())
                .distinct()
                .filter(version -> !version.deleted())
                .sorted(Comparator.<ObjectVersion>comparingInt(version -> DefinitionObjects.KINDS.indexOf(version.object().kind()))
                        .thenComparing(version -> version.object().name()))
                .toList();
    }

    @Override
    public Optional<ObjectVersion> latest(String project, ObjectKind kind, String name) {
        List<ObjectVersion> all = versions(project, kind, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public void write(ObjectVersion version) {
        versions.add(version);
    }

    @Override
    public List<ObjectVersion> versions(String project, ObjectKind kind, String name) {
        return versions.stream()
                .filter(version -> version.project().equals(project) && version.object().kind() == kind && version.object().name().equals(name))
                .toList();
    }

    @Override
    public Optional<ObjectVersion> version(String project, ObjectKind kind, String name, int version) {
        return versions(project, kind, name).stream().filter(candidate -> candidate.version() == version).findFirst();
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        audit.add(new AuditEntry(audit.size() + 1, entry.project(), entry.kind(), entry.name(), entry.version(), entry.action(),
                entry.diffs(), entry.actor(), entry.registryVersion(), entry.at()));
    }

    @Override
    public List<AuditEntry> audit(String project, Long beforeId, int limit) {
        List<AuditEntry> newestFirst = new ArrayList<>(audit);
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(entry -> entry.project().equals(project) && (beforeId == null || entry.id() < beforeId))
                .limit(limit)
                .toList();
    }

    @Override
    public List<ObjectVersion> currentInAllProjects(String text) {
        return versions.stream().map(ObjectVersion::project).distinct().sorted().flatMap(project -> current(project).stream()).toList();
    }

    List<AuditEntry> allAudit() {
        return List.copyOf(audit);
    }
}
