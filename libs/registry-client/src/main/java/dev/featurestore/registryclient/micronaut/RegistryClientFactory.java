package dev.featurestore.registryclient.micronaut;

import dev.featurestore.registryclient.HttpRegistryClient;
import dev.featurestore.registryclient.RegistryClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Builds the {@link RegistryClient} of a service from {@code featurestore.registry-client.*}, when
 * {@code featurestore.registry-client.enabled} is true.
 */
@Factory
@Requires(property = RegistryClientProperties.ENABLED, value = "true")
public class RegistryClientFactory {
    @Singleton
    @Bean(preDestroy = "close")
    HttpRegistryClient registryClient(RegistryClientProperties properties,
                                      @Value("${featurestore.security.service-key:}") String serviceKey) {
        return HttpRegistryClient.create(properties.config().withCredential(serviceKey));
    }
}
