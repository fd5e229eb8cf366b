package dev.featurestore.contracts.events;

import dev.featurestore.contracts.definition.ObjectKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static dev.featurestore.contracts.testing.TestingJson.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00.123456Z"), ZoneOffset.UTC);
    private static final RegistryObjectChanged CHANGED = new RegistryObjectChanged("ride_hailing", ObjectKind.FEATURE_VIEW, "driver_hourly",
            ChangeAction.UPDATED, 3, 17, List.of("schema.trips_today.dtype: INT32 -> INT64"));

    @Test
    void createsEnvelopeWithFreshIdAndKafkaKeyAsSubject() {
        CloudEvent<RegistryObjectChanged> first = CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/featurestore/registry-service", CHANGED, CLOCK);
        CloudEvent<RegistryObjectChanged> second = CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/featurestore/registry-service", CHANGED, CLOCK);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(UUID.fromString(first.id())).isNotNull();
        assertThat(first.specversion()).isEqualTo("1.0");
        assertThat(first.type()).isEqualTo("registry.object.changed");
        assertThat(first.subject()).isEqualTo("ride_hailing/feature_view/driver_hourly");
        assertThat(first.time()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123Z"));
        assertThat(first.datacontenttype()).isEqualTo("application/json");
        assertThat(first.traceparent()).isNull();
        assertThat(EventTypes.REGISTRY_OBJECT_CHANGED.kafkaKey(CHANGED)).isEqualTo(first.subject());
    }

    @Test
    void writesStructuredModeJsonWithRfc3339UtcTimes() {
        CloudEvent<DataLanded> event = new CloudEvent<>("1.0", "e1", "/upstream/batch", "data.landed", "ride_hailing/driver_stats_src",
                Instant.parse("2026-11-21T10:00:00Z"), "application/json",
                new DataLanded("ride_hailing", "driver_stats_src", List.of("s3://features/driver_stats/a.parquet"), null,
                        Instant.parse("2026-11-20T00:00:00Z"), null),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(tree(CloudEvents.toJson(event))).isEqualTo(tree("""
                {"specversion": "1.0", "id": "e1", "source": "/upstream/batch", "type": "data.landed",
                 "subject": "ride_hailing/driver_stats_src", "time": "2026-11-21T10:00:00Z", "datacontenttype": "application/json",
                 "data": {"project": "ride_hailing", "source": "driver_stats_src", "uris": ["s3://features/driver_stats/a.parquet"],
                          "min_event_timestamp": "2026-11-20T00:00:00Z"},
                 "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
                """));
        assertThat(CloudEvents.toJson(event)).doesNotContain("\n");
    }

    @Test
    void readsBackEveryCatalogueType() {
        for (EventType<?> type : EventTypes.all()) {
            CloudEvent<?> event = EventSamples.event(type);

            CloudEvent<?> read = CloudEvents.fromJson(CloudEvents.toJson(event));

            assertThat(read).isEqualTo(event);
            assertThat(read.data()).isInstanceOf(type.dataClass());
        }
    }

    @Test
    void writesEnumsByTheirWireNames() {
        String json = CloudEvents.toJson(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/r", CHANGED, CLOCK));

        assertThat(tree(json).get("data")).isEqualTo(tree("""
                {"project": "ride_hailing", "kind": "feature_view", "name": "driver_hourly", "action": "updated",
                 "object_version": 3, "registry_version": 17, "diffs": ["schema.trips_today.dtype: INT32 -> INT64"]}
                """));
    }

    @Test
    void readsEpochMillisecondsAndOffsetTimestampsAsUtcInstants() {
        String json = """
                {"specversion": "1.0", "id": "e2", "source": "/upstream/batch", "type": "data.landed", "subject": "p/s",
                 "time": 1763719200000, "datacontenttype": "application/json",
                 "data": {"project": "p", "source": "s", "uris": ["s3://b/k.parquet"], "row_count": 5,
                          "min_event_timestamp": 1763683200000, "max_event_timestamp": "2026-11-21T12:00:00+02:00"}}
                """;

        CloudEvent<DataLanded> event = CloudEvents.fromJson(json, EventTypes.DATA_LANDED);

        assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1763719200000L));
        assertThat(event.data().rowCount()).isEqualTo(5L);
        assertThat(event.data().minEventTimestamp()).isEqualTo(Instant.ofEpochMilli(1763683200000L));
        assertThat(event.data().maxEventTimestamp()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void rejectsEventsOfUnknownOrUnexpectedType() {
        String landed = CloudEvents.toJson(EventSamples.event(EventTypes.DATA_LANDED));

        assertThatThrownBy(() -> CloudEvents.fromJson(landed.replace("\"data.landed\"", "\"model.trained\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown event type 'model.trained'");
        assertThatThrownBy(() -> CloudEvents.fromJson(landed, EventTypes.REGISTRY_OBJECT_CHANGED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an event of type 'registry.object.changed', got 'data.landed'");
        assertThatThrownBy(() -> CloudEvents.fromJson("{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a CloudEvent: invalid JSON");
    }

    @Test
    void catalogueTypesAreUniqueAndPublishedOnKnownTopics() {
        List<String> types = EventTypes.all().stream().map(EventType::type).toList();

        assertThat(new HashSet<>(types)).hasSameSizeAs(types);
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(Topics.all()).contains(type.topic());
            assertThat(EventTypes.byType(type.type())).containsSame(type);
            assertThat(type.schemaResource()).isEqualTo("schemas/events/" + type.type() + ".json");
        });
        assertThat(EventTypes.DATA_LANDED.kafkaKey(new DataLanded("p", "s", List.of("s3://b/k")))).isEqualTo("p/s");
    }

    @Test
    void topicsAreTheDocumentedOnes() {
        assertThat(Topics.all()).containsExactly("featurestore.registry-changes", "featurestore.data-landed", "featurestore.materialization",
                "featurestore.freshness", "featurestore.feature-quality", "featurestore.ingestion-dlq", "featurestore.events-dlq");
    }
}
