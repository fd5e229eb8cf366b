package dev.featurestore.serving.api;

import dev.featurestore.contracts.access.Permission;
import dev.featurestore.contracts.validation.Names;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.security.ProjectAccess;
import dev.featurestore.serving.config.BoundsProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Set;

/**
 * The checks every transport of online retrieval makes before it asks the domain (HTTP and gRPC answer alike): the
 * project named, the caller's right to read it, and the number of feature references.
 */
public final class ServingRequests {
    private ServingRequests() {
    }

    /**
     * The project a request names through {@code parameter}, checked.
     *
     * @throws FeatureStoreException 400 naming {@code parameter} when it is not a valid project name
     */
    public static String checkedProject(String parameter, String project) {
        Names.lookupProblem(project).ifPresent(problem -> {
            throw new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid %s: %s".formatted(parameter, problem),
                    List.of(new FieldError(parameter, problem)));
        });
        return project;
    }

    /**
     * What the caller may do in {@code project}, which must include reading it.
     *
     * @throws FeatureStoreException 403 naming the roles that would do
     */
    public static Set<Permission> readPermissions(ProjectAccess access, @Nullable Authentication authentication, String project) {
        Set<Permission> permissions = access.permissions(authentication, project);
        if (!permissions.contains(Permission.READ)) {
            access.require(authentication, project, Permission.READ);
        }
        return permissions;
    }

    /**
     * Refuses more feature references than one request may list.
     *
     * @throws FeatureStoreException 413 naming {@code features}
     */
    public static void requireFeatureReferences(@Nullable List<String> features, BoundsProperties bounds) {
        if (features != null && features.size() > bounds.maxFeatureReferences()) {
            throw new FeatureStoreException(CommonErrorCode.PAYLOAD_TOO_LARGE,
                    "%d feature references is more than the %d one request may list (featurestore.serving.max-feature-references)"
                            .formatted(features.size(), bounds.maxFeatureReferences()),
                    List.of(new FieldError("features", "%d references, at most %d".formatted(features.size(), bounds.maxFeatureReferences()))));
        }
    }
}
