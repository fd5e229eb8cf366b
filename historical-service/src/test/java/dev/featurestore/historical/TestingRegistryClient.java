package dev.featurestore.historical;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.DefinitionParseResult;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A registry held in memory: tests put definition documents in it (the registry service itself is tested in its module). */
@Singleton
@Replaces(RegistryClient.class)
public class TestingRegistryClient implements RegistryClient {
    private final Map<String, ProjectRegistry> projects = new ConcurrentHashMap<>();

    /** Puts a project's definitions (JSON, as apply takes them); they must be valid. */
    public void put(String project, String json) {
        DefinitionParseResult parsed = DefinitionDocuments.parse(json);
        if (!parsed.isValid()) {
            throw new IllegalArgumentException("invalid test document: " + parsed.messages());
        }
        DefinitionDocument document = parsed.document();
        long version = projects.containsKey(project) ? projects.get(project).registryVersion() + 1 : 1;
        projects.put(project, ProjectRegistry.of(RegistrySnapshot.of(project, version, document)));
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
