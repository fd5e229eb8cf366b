package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs nobody asked for over HTTP: a {@code data.landed} event materializes the views reading the source, a registry
 * change that creates an online view backfills its last ttl (once, however often the event is delivered), and a
 * view with a {@code materialization_interval} is materialized on it.
 */
class TriggersIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.schedule-check-interval", "500ms");
    }

    @BeforeAll
    void define() {
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "landed_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"},
                   {"name": "created_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"},
                   {"name": "scheduled_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                 "feature_views": [
                   {"name": "driver_landed", "entities": ["driver"], "source": "landed_src", "ttl": "7d",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]},
                   {"name": "driver_landed_offline", "entities": ["driver"], "source": "landed_src", "ttl": "7d", "online": false,
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]},
                   {"name": "driver_created", "entities": ["driver"], "source": "created_src", "ttl": "1d",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]},
                   {"name": "driver_scheduled", "entities": ["driver"], "source": "scheduled_src", "ttl": "7d", "materialization_interval": "2s",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}
                """.formatted(sourcePath("landed"), sourcePath("created"), sourcePath("scheduled")));
        writeParquet(sourcePath("scheduled") + "part-00000.parquet", SOURCE, List.<Object[]>of(new Object[] {1L, now.minus(1, ChronoUnit.HOURS), 0.7}));
    }

    @Test
    void aDataLandedEventMaterializesTheOnlineViewsReadingTheSource() {
        String file = sourcePath("landed") + "batch-1.parquet";
        writeParquet(file, SOURCE, List.<Object[]>of(new Object[] {1L, now.minus(1, ChronoUnit.HOURS), 0.5}));

        publish(EventTypes.DATA_LANDED, new DataLanded(project, "landed_src", List.of(file), 1L, now.minus(1, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS)));

        Map<String, Object> run = awaitRun("driver_landed", "data_landed");
        assertThat(run).containsEntry("state", "succeeded").containsEntry("incremental", true);
        assertThat(online("driver_landed", 1L).values()).isEqualTo(List.of(0.5));
        assertThat(runs("driver_landed_offline")).isEmpty();
    }

    @Test
    void dataLandingWithEventTimestampsOlderThanTheWatermarkIsStillMaterialized() {
        String early = sourcePath("landed") + "late-1.parquet";
        writeParquet(early, SOURCE, List.<Object[]>of(new Object[] {11L, now.minus(1, ChronoUnit.HOURS), 1.1}));
        publish(EventTypes.DATA_LANDED, new DataLanded(project, "landed_src", List.of(early)));
        await().atMost(Duration.ofSeconds(60)).until(() -> online("driver_landed", 11L) != null);
        String late = sourcePath("landed") + "late-2.parquet";
        writeParquet(late, SOURCE, List.<Object[]>of(new Object[] {12L, now.minus(5, ChronoUnit.HOURS), 1.2}));

        publish(EventTypes.DATA_LANDED, new DataLanded(project, "landed_src", List.of(late), 1L, now.minus(5, ChronoUnit.HOURS), now.minus(5, ChronoUnit.HOURS)));

        await().atMost(Duration.ofSeconds(60)).until(() -> online("driver_landed", 12L) != null);
        assertThat(online("driver_landed", 12L).values()).isEqualTo(List.of(1.2));

        // an event says when to start to the nanosecond; the file holds microseconds (and PostgreSQL would round 700 ns up)
        Instant precise = now.minus(6, ChronoUnit.HOURS).plusNanos(1_000_700);
        String finer = sourcePath("landed") + "late-3.parquet";
        writeParquet(finer, SOURCE, List.<Object[]>of(new Object[] {13L, precise, 1.3}));
        publish(EventTypes.DATA_LANDED, new DataLanded(project, "landed_src", List.of(finer), 1L, precise, precise));

        await().atMost(Duration.ofSeconds(60)).until(() -> online("driver_landed", 13L) != null);
        assertThat(online("driver_landed", 13L).values()).isEqualTo(List.of(1.3));
    }

    @Test
    void creatingAnOnlineViewBackfillsItsLastTtlOnceEvenWhenTheEventComesTwice() {
        writeParquet(sourcePath("created") + "part-00000.parquet", SOURCE, List.of(
                new Object[] {1L, now.minus(2, ChronoUnit.HOURS), 0.1},
                new Object[] {2L, now.minus(3, ChronoUnit.DAYS), 0.2}));
        CloudEvent<RegistryObjectChanged> event = CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "driver_created", ChangeAction.CREATED, 1, 1, List.of()));

        publish(event);
        publish(event);

        Map<String, Object> run = awaitRun("driver_created", "registry_change");
        assertThat(run).containsEntry("state", "succeeded").containsEntry("incremental", false);
        Instant start = Instant.parse((String) run.get("start_ts"));
        assertThat(Duration.between(start, Instant.parse((String) run.get("end_ts")))).isEqualTo(Duration.ofDays(1));
        assertThat(online("driver_created", 1L).values()).isEqualTo(List.of(0.1));
        assertThat(online("driver_created", 2L)).isNull();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runs("driver_created").size() == 1);
    }

    @Test
    void aViewWithAMaterializationIntervalIsMaterializedOnIt() {
        publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "driver_scheduled", ChangeAction.UPDATED, 2, 2,
                        List.of("materialization_interval: null -> 2s"))));

        await().atMost(Duration.ofSeconds(60)).until(() -> runs("driver_scheduled").stream()
                .filter(run -> "schedule".equals(run.get("trigger")) && "succeeded".equals(run.get("state"))).count() >= 2);
        assertThat(online("driver_scheduled", 1L).values()).isEqualTo(List.of(0.7));
        assertThat(runs("driver_scheduled")).allSatisfy(run -> assertThat(run.get("trigger")).isEqualTo("schedule"));
    }

    private Map<String, Object> awaitRun(String view, String trigger) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runs(view).stream().anyMatch(run -> trigger.equals(run.get("trigger"))));
        String id = (String) runs(view).stream().filter(run -> trigger.equals(run.get("trigger"))).findFirst().orElseThrow().get("run_id");
        return awaitFinished(id);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> runs(String view) {
        return (List<Map<String, Object>>) http.get("/v1/runs?project=%s&feature_view=%s".formatted(project, view)).json().get("runs");
    }
}
