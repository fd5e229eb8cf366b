package dev.featurestore.registryclient;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.DefinitionParseResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A registry held in memory, for tests and tools that run a service without the registry: projects are put
 * in as definition documents (JSON, as apply takes them), each put a new {@code registry_version}.
 */
public class InMemoryRegistryClient implements RegistryClient {
    private final Map<String, ProjectRegistry> projects = new ConcurrentHashMap<>();

    /**
     * Puts a project's definitions, replacing what it held.
     *
     * @throws IllegalArgumentException listing the document's problems when it is not valid
     */
    public void put(String project, String json) {
        DefinitionParseResult parsed = DefinitionDocuments.parse(json);
        if (!parsed.isValid()) {
            throw new IllegalArgumentException("invalid definition document: " + parsed.messages());
        }
        projects.compute(project, (name, current) -> ProjectRegistry.of(
                RegistrySnapshot.of(project, current == null ? 1 : current.registryVersion() + 1, parsed.document())));
    }

    @Override
    public ProjectRegistry registry(String project) {
        ProjectRegistry registry = projects.get(project);
        if (registry == null) {
            throw new RegistryLookupException(RegistryLookupException.Reason.UNKNOWN_PROJECT, project, project, "No project '%s'".formatted(project));
        }
        return registry;
    }

    @Override
    public <T> T lookup(String project, Function<ProjectRegistry, T> lookup) {
        return lookup.apply(registry(project));
    }

    @Override
    public void onRegistryChange(String project, long registryVersion) {
    }

    @Override
    public Optional<ProjectRegistry> cached(String project) {
        return Optional.ofNullable(projects.get(project));
    }

    @Override
    public void close() {
    }
}
