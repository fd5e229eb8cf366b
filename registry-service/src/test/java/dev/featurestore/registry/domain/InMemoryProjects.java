package dev.featurestore.registry.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

final class InMemoryProjects implements Projects {
    private final Map<String, ProjectRecord> projects = new TreeMap<>();
    private final Set<String> deleted = new HashSet<>();

    @Override
    public boolean exists(String name) {
        return find(name).isPresent();
    }

    @Override
    public Optional<ProjectRecord> find(String name) {
        return deleted.contains(name) ? Optional.empty() : Optional.ofNullable(projects.get(name));
    }

    @Override
    public List<ProjectRecord> list() {
        return projects.values().stream().filter(project -> !deleted.contains(project.name())).toList();
    }

    @Override
    public Optional<ProjectRecord> insertOrRevive(ProjectRecord project) {
        ProjectRecord old = projects.get(project.name());
        if (old == null) {
            ProjectRecord created = new ProjectRecord(project.name(), project.description(), project.owner(), project.registryVersion(), 1,
                    project.createdAt());
            projects.put(project.name(), created);
            return Optional.of(created);
        }
        if (!deleted.remove(project.name())) {
            return Optional.empty();
        }
        ProjectRecord revived = new ProjectRecord(project.name(), project.description(), project.owner(),
                old.registryVersion() + project.registryVersion(), old.version() + 1, project.createdAt());
        projects.put(project.name(), revived);
        return Optional.of(revived);
    }

    @Override
    public Optional<ProjectRecord> lock(String name) {
        return find(name);
    }

    @Override
    public void updateRegistryVersion(String name, long registryVersion) {
        ProjectRecord project = projects.get(name);
        projects.put(name, new ProjectRecord(project.name(), project.description(), project.owner(), registryVersion, project.version(),
                project.createdAt()));
    }

    @Override
    public void markDeleted(String name, long registryVersion, int version, Instant at) {
        ProjectRecord project = projects.get(name);
        projects.put(name, new ProjectRecord(project.name(), project.description(), project.owner(), registryVersion, version, project.createdAt()));
        deleted.add(name);
    }

    @Override
    public boolean hasHistory(String name) {
        return projects.containsKey(name);
    }
}
