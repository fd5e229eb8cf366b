package dev.featurestore.monitoring;

import dev.featurestore.registryclient.InMemoryRegistryClient;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's registry client, replaced by one held in memory: tests put definition documents in it, and delete
 * projects (a project put again continues its registry version, as the registry's does).
 */
@Singleton
@Replaces(RegistryClient.class)
public class TestingRegistryClient extends InMemoryRegistryClient {
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    @Override
    public void put(String project, String json) {
        super.put(project, json);
        deleted.remove(project);
    }

    /** The registry no longer has the project. */
    public void delete(String project) {
        deleted.add(project);
    }

    @Override
    public ProjectRegistry registry(String project) {
        if (deleted.contains(project)) {
            throw new RegistryLookupException(RegistryLookupException.Reason.UNKNOWN_PROJECT, project, project, "No project '%s'".formatted(project));
        }
        return super.registry(project);
    }

    @Override
    public Optional<ProjectRegistry> cached(String project) {
        return deleted.contains(project) ? Optional.empty() : super.cached(project);
    }
}
