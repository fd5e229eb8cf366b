package dev.featurestore.registry.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

final class InMemoryProjects implements Projects {
    private final Map<String, ProjectRecord> projects = new TreeMap<>();

    @Override
    public boolean exists(String name) {
        return projects.containsKey(name);
    }

    @Override
    public void insert(ProjectRecord project) {
        projects.put(project.name(), project);
    }

    @Override
    public Optional<ProjectRecord> find(String name) {
        return Optional.ofNullable(projects.get(name));
    }

    @Override
    public List<ProjectRecord> list() {
        return List.copyOf(projects.values());
    }

    @Override
    public boolean insertIfAbsent(ProjectRecord project) {
        return projects.putIfAbsent(project.name(), project) == null;
    }

    @Override
    public Optional<ProjectRecord> lock(String name) {
        return find(name);
    }

    @Override
    public void updateRegistryVersion(String name, long registryVersion) {
        ProjectRecord project = projects.get(name);
        projects.put(name, new ProjectRecord(project.name(), project.description(), project.owner(), registryVersion, project.createdAt()));
    }
}
