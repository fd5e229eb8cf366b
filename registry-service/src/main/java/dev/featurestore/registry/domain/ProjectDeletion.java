package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.ApplyResponse;
import dev.featurestore.registry.domain.access.AccessService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Deletes a project ({@link ApplyService#deleteProject}) and, in the same transaction, its role bindings and API keys
 * ({@link AccessService#clearProject}), so a project created again under the same name grants nothing it granted
 * before.
 */
@Singleton
public class ProjectDeletion {
    private final ApplyService applies;
    private final AccessService access;

    public ProjectDeletion(ApplyService applies, AccessService access) {
        this.applies = requireNonNull(applies, "applies is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Transactional
    public ApplyResponse delete(String project, boolean cascade, ApplyOptions options) {
        ApplyResponse response = applies.deleteProject(project, cascade, options);
        if (!options.dryRun()) {
            access.clearProject(project, options.actor());
        }
        return response;
    }
}
