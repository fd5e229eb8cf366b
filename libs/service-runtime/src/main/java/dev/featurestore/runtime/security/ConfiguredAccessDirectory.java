package dev.featurestore.runtime.security;

import dev.featurestore.contracts.access.AccessSnapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * {@code featurestore.security.directory: none}: no directory, only the keys and principals in the configuration.
 */
@Singleton
@Requires(property = SecurityProperties.PREFIX + ".directory", value = "none")
public final class ConfiguredAccessDirectory implements AccessDirectory {
    private static final AccessSnapshot.Index EMPTY = AccessSnapshot.empty().index();

    @Override
    public AccessSnapshot.Index current() {
        return EMPTY;
    }

    @Override
    public void refresh() {
        // nothing to read
    }
}
