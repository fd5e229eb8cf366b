package dev.featurestore.monitoring;

import dev.featurestore.registryclient.InMemoryRegistryClient;
import dev.featurestore.registryclient.RegistryClient;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

/** The service's registry client, replaced by one held in memory: tests put definition documents in it. */
@Singleton
@Replaces(RegistryClient.class)
public class TestingRegistryClient extends InMemoryRegistryClient {
}
