package dev.featurestore.registryclient.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.registryclient.HttpRegistryClient;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryClientConfig;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.ResolvedView;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.TestKeys;
import dev.featurestore.testkit.TestStack;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client against the real registry-service, run as a child process from its jar, with real
 * Kafka and PostgreSQL: an apply becomes visible to a client in another application context
 * through the {@code registry.object.changed} event (the poll is set to an hour, so only the event
 * can do it), and to a client without Kafka through the lookup-miss re-fetch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryClientIT {
    private static final Duration EVENT_BOUND = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String project = "registry_client_it_" + UUID.randomUUID().toString().substring(0, 8);
    private ServiceProcess registry;
    private ApplicationContext listening;

    @BeforeAll
    void start() throws IOException {
        TestStack stack = TestStack.shared();
        Map<String, Object> properties = new HashMap<>(stack.properties());
        properties.put("datasources.default.url", stack.postgres().createDatabase("registry_client_it"));
        properties.put("featurestore.storage.allowed-roots", "s3://features/");  // where the test document's sources are
        registry = ServiceProcess.startHealthy("registry-service", properties, Duration.ofSeconds(120));

        listening = ApplicationContext.run(Map.of(
                "micronaut.application.name", "registry-client-it",
                "kafka.bootstrap.servers", stack.properties().get("kafka.bootstrap.servers"),
                "featurestore.registry-client.enabled", "true",
                "featurestore.registry-client.url", registry.url(),
                "featurestore.registry-client.poll-interval", "1h",
                "featurestore.security.service-key", TestKeys.SERVICE_KEY));
        ConsumerRegistry consumers = listening.getBean(ConsumerRegistry.class);
        await("registry-changes consumer assigned").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> consumers.getConsumerIds().stream().anyMatch(id -> isAssigned(consumers, id)));
    }

    @AfterAll
    void stop() {
        if (listening != null) {
            listening.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void anApplyReachesAListeningClientThroughItsChangeEventAndAClientWithoutKafkaThroughTheMissRefetch() {
        RegistryClient client = listening.getBean(RegistryClient.class);
        DefinitionDocument first = document();
        long firstVersion = apply(first);

        assertThat(client.featureService(project, "dispatch_v1").references()).extracting(Object::toString)
                .containsExactly("driver_hourly:conv_rate", "ride_quote:quote");
        assertThat(client.onDemandFeatureView(project, "ride_quote").expressions())
                .containsEntry("quote", "ride_request.distance_km * 1.2 + driver_hourly.conv_rate");
        assertThat(client.featureView(project, "driver_hourly").offlineSource().name()).isEqualTo("driver_stats_src");
        assertThat(client.cached(project)).map(ProjectRegistry::registryVersion).contains(firstVersion);

        try (HttpRegistryClient withoutKafka = HttpRegistryClient.create(
                new RegistryClientConfig(URI.create(registry.url()), Duration.ofHours(1), Duration.ofSeconds(5)).withCredential(TestKeys.SERVICE_KEY))) {
            ProjectRegistry before = withoutKafka.registry(project);
            assertThat(before.registryVersion()).isEqualTo(firstVersion);

            long secondVersion = apply(withFeatureView(first, "driver_daily"));
            assertThat(secondVersion).isGreaterThan(firstVersion);

            await("the listening client at registry version %d".formatted(secondVersion)).atMost(EVENT_BOUND)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> client.cached(project).map(ProjectRegistry::registryVersion), version -> version.equals(Optional.of(secondVersion)));
            assertThat(client.cached(project).orElseThrow().featureViews()).extracting(ResolvedView::name).contains("driver_daily");

            assertThat(withoutKafka.cached(project)).map(ProjectRegistry::registryVersion).contains(firstVersion);
            assertThat(withoutKafka.featureView(project, "driver_daily").feature("rating")).contains(new Field("rating", ValueType.FLOAT64));
            assertThat(withoutKafka.cached(project)).map(ProjectRegistry::registryVersion).contains(secondVersion);

            ProjectRegistry current = withoutKafka.registry(project);
            withoutKafka.poll();
            assertThat(withoutKafka.registry(project)).as("a 304 keeps the cached snapshot").isSameAs(current);
        }
    }

    @Test
    void anUnknownProjectOfTheRealRegistryIsAnUnknownProject() {
        RegistryClient client = listening.getBean(RegistryClient.class);

        assertThatThrownBy(() -> client.registry("no_such_project_here"))
                .isInstanceOfSatisfying(RegistryLookupException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryLookupException.Reason.UNKNOWN_PROJECT));
    }

    @Test
    void withoutEnabledThereIsNoClientAndNoListener() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", TestStack.shared().properties().get("kafka.bootstrap.servers")))) {
            assertThat(context.containsBean(RegistryClient.class)).isFalse();
            assertThat(context.containsBean(RegistryChangesListener.class)).isFalse();
        }
    }

    private static boolean isAssigned(ConsumerRegistry consumers, String id) {
        try {
            return !consumers.getConsumerAssignment(id).isEmpty();
        }
        catch (IllegalArgumentException notYetAssigned) {
            return false;
        }
    }

    private long apply(DefinitionDocument document) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("%s/v1/projects/%s/apply".formatted(registry.url(), project)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestKeys.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(document)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("apply answered %s", response.body()).isEqualTo(200);
            JsonNode body = ContractsJson.mapper().readValue(response.body().getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
            return body.get("registry_version").getLongValue();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static DefinitionDocument document() {
        try (InputStream in = RegistryClientIT.class.getResourceAsStream("/documents/dispatch.json")) {
            return ContractsJson.mapper().readValue(in.readAllBytes(), Argument.of(DefinitionDocument.class));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DefinitionDocument withFeatureView(DefinitionDocument document, String name) {
        List<FeatureView> views = new ArrayList<>(document.featureViewsOrEmpty());
        views.add(new FeatureView(name, List.of("driver"), "driver_push", List.of(new Field("rating", ValueType.FLOAT64))));
        return new DefinitionDocument(document.entities(), document.dataSources(), views, document.onDemandFeatureViews(),
                document.featureServices());
    }

    private static byte[] json(Object value) {
        try {
            return ContractsJson.mapper().writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
