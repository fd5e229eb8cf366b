package dev.featurestore.contracts.access;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A role of a principal in a project.
 *
 * @param project a project name, or {@link #ALL_PROJECTS} for every project
 * @param principal {@code user:<subject>}, {@code group:<name>} (both from a bearer JWT) or {@code key:<key id>}
 * @param role what the principal may do there
 */
@Serdeable
public record RoleBinding(String project, String principal, Role role) {
    public static final String ALL_PROJECTS = "*";

    public RoleBinding {
        requireNonNull(project, "project is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(role, "role is null");
    }

    public boolean appliesTo(String projectName) {
        return project.equals(ALL_PROJECTS) || project.equals(projectName);
    }
}
