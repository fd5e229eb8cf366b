package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

/**
 * The flags of an apply.
 *
 * @param dryRun plan only, write nothing
 * @param prune also delete the project's objects the document does not name
 * @param allowBreaking accept changes the evolution rules call breaking
 * @param expectedRegistryVersion when not null, the apply is refused unless the project is at this
 *                                {@code registry_version} (0 for a project that does not exist)
 * @param actor who applies, for the audit log
 */
public record ApplyOptions(boolean dryRun, boolean prune, boolean allowBreaking, Long expectedRegistryVersion, String actor) {
    public static final String ANONYMOUS = "anonymous";

    public ApplyOptions {
        requireNonNull(actor, "actor is null");
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(false, false, false, null, ANONYMOUS);
    }
}
