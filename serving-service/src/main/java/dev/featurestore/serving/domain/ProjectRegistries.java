package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.RegistryUnavailableException;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import jakarta.inject.Singleton;
import java.util.List;

/** A project's registry as the write paths and the project's health ask for it: 404 naming {@code project} when unknown, 503 when the registry cannot be asked. */
@Singleton
public class ProjectRegistries {
    private final RegistryClient registry;

    public ProjectRegistries(RegistryClient registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * @throws FeatureStoreException 404 naming {@code project} when the registry has no such project, 503 when it cannot be asked
     */
    public ProjectRegistry get(String project) {
        try {
            return registry.registry(project);
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.NOT_FOUND, e.getMessage(), List.of(new FieldError("project", e.getMessage())), e);
        } catch (RegistryUnavailableException e) {
            throw unreachable(e);
        }
    }

    /** The 503 of every serving path whose registry cannot be asked. */
    static FeatureStoreException unreachable(RegistryUnavailableException failure) {
        return new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The registry cannot be reached: %s".formatted(failure.getMessage()), failure);
    }
}
