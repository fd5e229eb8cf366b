package dev.featurestore.serving.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code featurestore.serving.*}, checked at start-up.
 *
 * @param defaultProject project of a request that names none (?project= or X-Feature-Project)
 * @param maxEntityRows most entity rows one /get-online-features request may ask for
 */
@Context
@ConfigurationProperties("featurestore.serving")
public record ServingProperties(
        @Bindable(defaultValue = "default") String defaultProject,
        @Bindable(defaultValue = "1000") int maxEntityRows) {

    public ServingProperties {
        ConfigurationChecks.requireText(defaultProject, "featurestore.serving.default-project");
        ConfigurationChecks.requirePositive(maxEntityRows, "featurestore.serving.max-entity-rows");
    }
}
