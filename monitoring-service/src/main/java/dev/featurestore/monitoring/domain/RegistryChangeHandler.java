package dev.featurestore.monitoring.domain;

import dev.featurestore.contracts.events.RegistryObjectChanged;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What monitoring does with a registry change. For now it notes the change; freshness SLAs of the
 * changed views are tracked from here once the freshness work lands.
 */
@Singleton
public class RegistryChangeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryChangeHandler.class);

    public void apply(RegistryObjectChanged change) {
        LOG.info("Registry change: {}/{}/{} {} (registry version {})",
                change.project(), change.kind().wireName(), change.name(), change.action().name().toLowerCase(java.util.Locale.ROOT),
                change.registryVersion());
    }
}
