package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.materialization.domain.run.Runs;
import dev.featurestore.materialization.domain.stream.StreamSources;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.registryclient.ResolvedFeatureView;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Deleting a project ({@code registry.object.changed} of kind project, action deleted) forgets everything the service
 * holds of it, so the project re-created under the same name starts clean: a far-future online value no longer hides
 * the real ones, no watermark makes an incremental run read nothing, no schedule or kafka source of the old project
 * lives on. Another project keeps all of its state.
 */
class ProjectDeleteIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    @Inject
    Runs runs;
    @Inject
    StreamSources streamSources;

    private final String other = project + "_kept";
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.schedule-check-interval", "300ms", "featurestore.materialization.stream-enabled", "false");
    }

    @Test
    void deletingAProjectPurgesItsOnlineRecordsWatermarksScheduleAndSourcesSoTheRecreatedProjectStartsClean() {
        for (String name : List.of(project, other)) {
            define(name);
            writeParquet(sourcePath(name) + "part-00000.parquet", SOURCE, List.<Object[]>of(new Object[] {1L, now.minus(1, ChronoUnit.HOURS), 0.5}));
            publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                    new RegistryObjectChanged(name, ObjectKind.FEATURE_VIEW, "driver_kept", ChangeAction.CREATED, 1, 1, List.of())));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.watermark(project, "driver_kept").isPresent()
                && runs.watermark(other, "driver_kept").isPresent() && onlineIn(other, "driver_kept", 1L) != null);
        // what a push dated far in the future left behind
        writeOnline(project, 1L, new OnlineRecord(Instant.parse("9999-01-01T00:00:00Z"), null, List.of(99.0)));
        writeOnline(project, 2L, new OnlineRecord(now, null, List.of(2.0)));
        assertThat(streamSources.all()).anySatisfy(source -> assertThat(source.project()).isEqualTo(project));

        publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                new RegistryObjectChanged(project, ObjectKind.PROJECT, project, ChangeAction.DELETED, 2, 2, List.of())));

        await().atMost(Duration.ofSeconds(30)).until(() -> online("driver_kept", 1L) == null && online("driver_kept", 2L) == null
                && runs.watermark(project, "driver_kept").isEmpty());
        assertThat(streamSources.all()).noneSatisfy(source -> assertThat(source.project()).isEqualTo(project));
        Instant deletedAt = Instant.now();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runs.list(project, Optional.empty(), 100).stream()
                .noneMatch(run -> run.createdAt().isAfter(deletedAt)));
        assertThat(onlineIn(other, "driver_kept", 1L).values()).containsExactly(0.5);
        assertThat(runs.watermark(other, "driver_kept")).isPresent();

        // re-created: its backfill's value is served, not the far-future one
        publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "driver_kept", ChangeAction.CREATED, 1, 3, List.of())));
        await().atMost(Duration.ofSeconds(60)).until(() -> online("driver_kept", 1L) != null);
        assertThat(online("driver_kept", 1L).values()).containsExactly(0.5);
        assertThat(online("driver_kept", 1L).eventTimestamp()).isEqualTo(now.minus(1, ChronoUnit.HOURS));
    }

    private void define(String name) {
        registry.put(name, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"},
                   {"name": "live", "type": "kafka", "topic": "%s-live", "format": "json", "timestamp_field": "event_timestamp", "batch_source": "src"}],
                 "feature_views": [{"name": "driver_kept", "entities": ["driver"], "source": "src", "ttl": "7d", "materialization_interval": "1s",
                                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}
                """.formatted(sourcePath(name), name));
    }

    private void writeOnline(String name, long driver, OnlineRecord record) {
        ResolvedFeatureView view = registry.registry(name).featureView("driver_kept");
        onlineStore.write(List.of(new RecordWrite(OnlineKeys.recordKey(name, "driver_kept", view.joinKeys(), List.of(driver)),
                OnlineSchema.of(view.schema()), record, null))).join();
    }
}
