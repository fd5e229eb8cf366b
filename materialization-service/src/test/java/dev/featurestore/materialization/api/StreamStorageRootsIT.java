package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.IngestionRejected;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A kafka source whose batch source was stored before paths were confined to the storage roots (a local directory):
 * its records are rejected to the dead-letter topic with the reason, nothing is written online or under the
 * directory, and the stream goes on (a source inside the roots on another topic is still ingested).
 */
class StreamStorageRootsIT extends MaterializationApiTest {
    private final String localTopic = "confined-local-" + UUID.randomUUID().toString().substring(0, 8);
    private final String insideTopic = "confined-inside-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Path local;

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.stream-refresh-interval", "300ms");
    }

    @BeforeAll
    void define() throws IOException {
        local = Files.createTempDirectory("stream-confined");
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "local_batch", "type": "parquet", "path": "file://%s/landed/", "timestamp_field": "event_timestamp"},
                   {"name": "inside_batch", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"},
                   {"name": "local_events", "type": "kafka", "topic": "%s", "format": "json", "timestamp_field": "ts", "batch_source": "local_batch"},
                   {"name": "inside_events", "type": "kafka", "topic": "%s", "format": "json", "timestamp_field": "ts", "batch_source": "inside_batch"}],
                 "feature_views": [
                   {"name": "local_live", "entities": ["driver"], "source": "local_events", "ttl": "1d", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "inside_live", "entities": ["driver"], "source": "inside_events", "ttl": "1d", "schema": [{"name": "trips", "dtype": "INT64"}]}]}
                """.formatted(local, sourcePath("inside"), localTopic, insideTopic));
        for (String source : List.of("local_events", "inside_events")) {
            publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                    new RegistryObjectChanged(project, ObjectKind.DATA_SOURCE, source, ChangeAction.CREATED, 1, 1, List.of())));
        }
    }

    @Test
    void recordsOfABatchSourceOutsideTheRootsAreRejectedAndTheStreamGoesOn() throws IOException {
        String record = "{\"driver_id\": 1, \"ts\": \"%s\", \"trips\": 3}".formatted(now.minus(1, ChronoUnit.HOURS));
        produce(localTopic, "k", record);
        produce(insideTopic, "k", record);

        await().atMost(Duration.ofSeconds(60)).until(() -> online("inside_live", 1L) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !rejected().isEmpty());
        assertThat(rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.source()).isEqualTo("local_events");
            assertThat(rejected.reason()).contains("batch source 'local_batch' may not be written").contains("local paths");
            assertThat(rejected.record()).isEqualTo(record);
        });
        assertThat(online("local_live", 1L)).isNull();
        try (var created = Files.list(local)) {
            assertThat(created.toList()).isEmpty();
        }
    }

    private List<IngestionRejected> rejected() {
        return TopicReader.readAll(TestStack.shared().kafka().bootstrapServers(), EventTypes.INGESTION_REJECTED.topic()).stream()
                .filter(candidate -> candidate.value().contains(localTopic) || candidate.value().contains(insideTopic))
                .map(candidate -> CloudEvents.fromJson(candidate.value(), EventTypes.INGESTION_REJECTED).data())
                .toList();
    }
}
