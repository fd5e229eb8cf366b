package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventDeadLettered;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.monitoring.TestClock;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code materialization.completed} that monitoring cannot record (dated year -5000, which PostgreSQL cannot store),
 * put straight on the real topic, goes to {@code featurestore.events-dlq} after a few quick attempts, and the next
 * project's run is recorded within seconds instead of waiting behind it.
 */
class PoisonEventsIT {
    private static final String DEFINITIONS = """
            {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
             "data_sources": [{"name": "stats", "type": "parquet", "path": "s3://b/stats/", "timestamp_field": "event_timestamp"}],
             "feature_views": [{"name": "hourly", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true, "freshness_sla": "2h",
                                "schema": [{"name": "trips", "dtype": "INT64"}]}]}
            """;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String poisoned = "poisoned_" + suffix;
    private final String healthy = "healthy_" + suffix;
    private MonitoringInstance instance;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void aRunDatedYearMinus5000IsDeadLetteredAndTheNextProjectsRunIsRecordedWithinSeconds() {
        instance = MonitoringInstance.start(Map.of());
        for (String project : List.of(poisoned, healthy)) {
            instance.registry().put(project, DEFINITIONS);
            publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "hourly", ChangeAction.CREATED, 1, 1,
                    List.of()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.http().get("/v1/freshness/%s/hourly".formatted(healthy)).status() == 200);
        Instant now = TestClock.shared().instant();
        Instant ancient = Instant.parse("-5000-01-01T00:00:00Z");

        CloudEvent<MaterializationCompleted> poison = publish(EventTypes.MATERIALIZATION_COMPLETED, new MaterializationCompleted(poisoned, "hourly",
                UUID.randomUUID().toString(), "schedule", ancient, ancient, 1L, 1L, 0L, 0L, ancient, 10L, Map.of(), null));
        String goodRun = UUID.randomUUID().toString();
        publish(EventTypes.MATERIALIZATION_COMPLETED, new MaterializationCompleted(healthy, "hourly", goodRun, "schedule",
                now.minus(1, ChronoUnit.HOURS), now, 1L, 1L, 0L, 0L, now.minus(5, ChronoUnit.MINUTES), 10L, Map.of(), null));

        await().atMost(Duration.ofSeconds(20)).until(() -> goodRun.equals(instance.http().get("/v1/freshness/%s/hourly".formatted(healthy))
                .at("last_run.run_id")));
        RawHttp.Answer healthyView = instance.http().get("/v1/freshness/%s/hourly".formatted(healthy));
        assertThat(healthyView.at("state")).isEqualTo("ok");
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(), Topics.EVENTS_DLQ,
                candidate -> candidate.value() != null && candidate.value().contains(poison.id()), Duration.ofSeconds(20));
        EventDeadLettered deadLettered = (EventDeadLettered) CloudEvents.fromJson(record.value()).data();
        assertThat(deadLettered.project()).isEqualTo(poisoned);
        assertThat(deadLettered.consumerGroup()).isEqualTo("monitoring-service-materialization");
        assertThat(deadLettered.topic()).isEqualTo(Topics.MATERIALIZATION);
        assertThat(deadLettered.record()).isEqualTo(CloudEvents.toJson(poison));
        assertThat(deadLettered.attempts()).isEqualTo(3);
        assertThat(deadLettered.infrastructure()).isFalse();
        CloudEventRecords.assertReadableByCloudEventsSdk(TestStack.shared().kafka().bootstrapServers(), record, EventTypes.EVENT_DEAD_LETTERED,
                "/featurestore/monitoring-service");
    }
}
