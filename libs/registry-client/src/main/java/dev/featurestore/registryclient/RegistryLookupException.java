package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A lookup named something the registry does not have (after the client re-fetched the
 * project's snapshot once), or a malformed feature reference. The message names what is
 * unknown and what exists; services map {@link #reason()} to their own error code.
 */
public class RegistryLookupException extends RuntimeException {
    /**
     * What was not found.
     */
    public enum Reason {
        /** The registry has no project of that name. */
        UNKNOWN_PROJECT,
        /** The project has no feature view or on-demand feature view of that name. */
        UNKNOWN_FEATURE_VIEW,
        /** The view exists but has no feature of that name. */
        UNKNOWN_FEATURE,
        /** The project has no feature service of that name. */
        UNKNOWN_FEATURE_SERVICE,
        /** The project has no data source of that name. */
        UNKNOWN_DATA_SOURCE,
        /** A feature reference is not {@code view:feature}. */
        INVALID_REFERENCE,
        /** The snapshot names an object it does not hold (the registry should never answer one). */
        INCONSISTENT_SNAPSHOT,
    }

    private final Reason reason;
    private final String project;
    private final String name;

    public RegistryLookupException(Reason reason, String project, String name, String message) {
        this(reason, project, name, message, null);
    }

    public RegistryLookupException(Reason reason, String project, String name, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.project = project;
        this.name = requireNonNull(name, "name is null");
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The project the lookup was about.
     *
     * @return the project, empty for a malformed reference checked before any project was read
     */
    public Optional<String> project() {
        return Optional.ofNullable(project);
    }

    /**
     * What was not found: the project, view, service or source name, {@code view:feature} for an
     * unknown feature, or the malformed reference.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    RegistryLookupException withNote(String note, Throwable cause) {
        return new RegistryLookupException(reason, project, name, getMessage() + " " + note, cause);
    }
}
