package dev.featurestore.materialization;

import dev.featurestore.registryclient.InMemoryRegistryClient;
import dev.featurestore.registryclient.RegistryClient;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The service's registry client, replaced by one held in memory: tests put definition documents in it. A test that
 * runs the real registry-service sets {@code featurestore.test.real-registry} and keeps the real client.
 */
@Singleton
@Replaces(RegistryClient.class)
@Requires(missingProperty = "featurestore.test.real-registry")
public class TestingRegistryClient extends InMemoryRegistryClient {
}
