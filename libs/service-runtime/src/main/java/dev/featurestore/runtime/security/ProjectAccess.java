package dev.featurestore.runtime.security;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.Permission;
import dev.featurestore.contracts.access.Role;
import dev.featurestore.contracts.access.RoleBinding;
import dev.featurestore.contracts.validation.Text;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authorization per project, for controllers: what the authenticated caller may do in a project, from its role
 * bindings (the directory), the configured admin principals, and the configured keys. With
 * {@code featurestore.security.enabled: false} everything is allowed and the caller is {@code anonymous}.
 */
@Singleton
public final class ProjectAccess {
    public static final String ANONYMOUS = "anonymous";

    private final SecurityProperties properties;
    private final BeanProvider<AccessDirectory> directory;
    private final Set<String> adminPrincipals;
    private volatile AccessDirectory resolvedDirectory;

    public ProjectAccess(SecurityProperties properties, BeanProvider<AccessDirectory> directory) {
        this.properties = requireNonNull(properties, "properties is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.adminPrincipals = Set.copyOf(properties.adminPrincipals());
    }

    /** The principal to record in audit logs: {@code key:<id>}, {@code user:<sub>}, or {@code anonymous}. */
    public String principal(@Nullable Authentication authentication) {
        if (authentication == null) {
            return ANONYMOUS;
        }
        return Callers.principals(authentication, properties.groupsClaim()).get(0);
    }

    /** What the caller may do in {@code project}. */
    public Set<Permission> permissions(@Nullable Authentication authentication, String project) {
        if (!properties.enabled()) {
            return EnumSet.allOf(Permission.class);
        }
        if (authentication == null) {
            return EnumSet.noneOf(Permission.class);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (Role role : Callers.globalRoles(authentication)) {
            permissions.addAll(role.permissions());
        }
        List<String> principals = Callers.principals(authentication, properties.groupsClaim());
        if (principals.stream().anyMatch(adminPrincipals::contains)) {
            permissions.addAll(Role.ADMIN.permissions());
        }
        permissions.addAll(directory().current().permissions(principals, project));
        return permissions;
    }

    /** The directory in use (looked up once). */
    AccessDirectory directory() {
        AccessDirectory resolved = resolvedDirectory;
        if (resolved == null) {
            resolved = directory.get();
            resolvedDirectory = resolved;
        }
        return resolved;
    }

    public boolean allows(@Nullable Authentication authentication, String project, Permission permission) {
        return permissions(authentication, project).contains(permission);
    }

    /**
     * Refuses with 403 unless the caller may do {@code permission} in {@code project}.
     *
     * @throws FeatureStoreException {@code FORBIDDEN} naming the principal, the project and the roles that would do
     */
    public void require(@Nullable Authentication authentication, String project, Permission permission) {
        if (!allows(authentication, project, permission)) {
            throw forbidden(authentication, "project " + Text.quote(project), permission);
        }
    }

    /** Refuses with 403 unless the caller may do {@code permission} in every project (a global binding). */
    public void requireEverywhere(@Nullable Authentication authentication, Permission permission) {
        require(authentication, RoleBinding.ALL_PROJECTS, permission);
    }

    /** Refuses with 403 unless the caller is a service (the configured service key) or an admin of every project. */
    public void requireServiceOrAdmin(@Nullable Authentication authentication) {
        if (!properties.enabled()) {
            return;
        }
        if (authentication != null && Callers.isService(authentication)) {
            return;
        }
        if (!allows(authentication, RoleBinding.ALL_PROJECTS, Permission.ADMIN)) {
            throw new FeatureStoreException(CommonErrorCode.FORBIDDEN,
                    "'%s' may not read the access directory: only the services' key and admins of every project may".formatted(
                            principal(authentication)));
        }
    }

    private FeatureStoreException forbidden(@Nullable Authentication authentication, String where, Permission permission) {
        String roles = Arrays.stream(Role.values())
                .filter(role -> role.permissions().contains(permission))
                .map(Role::wireName)
                .collect(Collectors.joining(", "));
        return new FeatureStoreException(CommonErrorCode.FORBIDDEN, "'%s' may not %s in %s: that needs one of the roles %s there".formatted(
                principal(authentication), verb(permission), where, roles));
    }

    private static String verb(Permission permission) {
        return switch (permission) {
            case READ -> "read";
            case READ_PII -> "read features tagged pii";
            case INGEST -> "ingest (push, materialize)";
            case EDIT -> "edit definitions";
            case ADMIN -> "administer";
        };
    }
}
