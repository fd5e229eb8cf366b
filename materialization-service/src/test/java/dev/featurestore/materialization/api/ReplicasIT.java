package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.materialization.TestingRegistryClient;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several instances of the service on one database: they split the runs and never run one view twice at once; an
 * instance stopped in the middle of a run leaves it to the next instance, which finishes it without writing anything
 * older than what the online store held, and moves the watermark only then. This class's own instance polls the
 * queue only when woken by a request it took, so the test decides which instance claims a run; every instance writes
 * one record at a time, so that runs last long enough to be seen running.
 */
class ReplicasIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));
    private static final List<String> SPLIT_VIEWS = List.of("split_a", "split_b", "split_c", "split_d");
    private static final int SPLIT_ENTITIES = 1_500;
    private static final int KILLED_ENTITIES = 20_000;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<EmbeddedServer> others = new ArrayList<>();
    private String document;

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.poll-interval", "1h",
                "featurestore.materialization.write-batch-size", "1", "featurestore.materialization.writes-in-flight", "1");
    }

    /** Another instance: the stack's properties, polling the queue every 200 ms, writing one record at a time. */
    private EmbeddedServer startInstance() {
        Map<String, Object> properties = new HashMap<>(ServiceTestProperties.withStack(Map.of(
                "featurestore.materialization.poll-interval", "200ms",
                "featurestore.materialization.heartbeat-interval", "200ms",
                "featurestore.materialization.lease-timeout", "3s",
                "featurestore.materialization.write-batch-size", "1",
                "featurestore.materialization.writes-in-flight", "1")));
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        server.getApplicationContext().getBean(TestingRegistryClient.class).put(project, document);
        others.add(server);
        return server;
    }

    @BeforeAll
    void defineAndStartASecondInstance() {
        StringBuilder sources = new StringBuilder();
        StringBuilder views = new StringBuilder();
        List<String> names = new ArrayList<>(SPLIT_VIEWS);
        names.add("killed");
        for (String name : names) {
            sources.append("""
                    {"name": "%1$s_src", "type": "parquet", "path": "%2$s", "timestamp_field": "event_timestamp"},""".formatted(name, sourcePath(name)));
            views.append("""
                    {"name": "%1$s", "entities": ["driver"], "source": "%1$s_src", "ttl": "0", "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]},"""
                    .formatted(name));
        }
        document = """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [%s],
                 "feature_views": [%s]}""".formatted(sources.substring(0, sources.length() - 1), views.substring(0, views.length() - 1));
        registry.put(project, document);
        for (String view : SPLIT_VIEWS) {
            writeParquet(sourcePath(view) + "part-00000.parquet", SOURCE, IntStream.range(0, SPLIT_ENTITIES)
                    .mapToObj(entity -> new Object[] {(long) entity, now.minus(1, ChronoUnit.HOURS), entity / 10.0}).toList());
        }
        List<Object[]> killedRows = new ArrayList<>();
        for (int entity = 0; entity < KILLED_ENTITIES; entity++) {
            killedRows.add(new Object[] {(long) entity, now.minus(3, ChronoUnit.HOURS), -1.0});
            killedRows.add(new Object[] {(long) entity, now.minus(2, ChronoUnit.HOURS), entity / 10.0});
        }
        writeParquet(sourcePath("killed") + "part-00000.parquet", SOURCE, killedRows);
        startInstance();
    }

    @AfterAll
    void stopOtherInstances() {
        others.forEach(server -> server.getApplicationContext().close());
    }

    @Test
    void instancesSplitTheRunsAndNeverRunOneViewTwiceAtOnce() {
        RawHttp second = new RawHttp(others.get(0).getURI(), jsonMapper);
        String body = """
                {"project": "%s", "feature_views": %s, "start_ts": "%s", "end_ts": "%s"}"""
                .formatted(project, SPLIT_VIEWS.stream().map(view -> "\"" + view + "\"").toList(), now.minus(1, ChronoUnit.DAYS), now);

        List<String> ids = new ArrayList<>(materialize("/v1/materialize", body));
        RawHttp.Answer viaSecond = second.send("POST", "/v1/materialize", "application/json", body);
        assertThat(viaSecond.status()).as(viaSecond.body()).isEqualTo(202);
        for (Object run : (List<?>) viaSecond.json().get("runs")) {
            ids.add((String) ((Map<?, ?>) run).get("run_id"));
        }
        List<Map<String, Object>> runs = ids.stream().map(this::awaitFinished).toList();

        assertThat(runs).allSatisfy(run -> assertThat(run).containsEntry("state", "succeeded"));
        Set<Object> instances = new HashSet<>();
        runs.forEach(run -> instances.add(run.get("instance")));
        assertThat(instances).as("instances that ran the runs").hasSizeGreaterThan(1);
        for (String view : SPLIT_VIEWS) {
            List<Map<String, Object>> ofView = runs.stream().filter(run -> view.equals(run.get("feature_view"))).toList();
            assertThat(ofView).hasSize(2);
            Map<String, Object> first = ofView.get(0);
            Map<String, Object> other = ofView.get(1);
            boolean firstBefore = !finished(first).isAfter(started(other));
            boolean otherBefore = !finished(other).isAfter(started(first));
            assertThat(firstBefore || otherBefore).as("runs of %s do not overlap: %s and %s", view, first.get("timings"), other.get("timings")).isTrue();
        }
        assertThat(online("split_c", 1_234L).values()).isEqualTo(List.of(123.4));
    }

    @Test
    void aRunStoppedHalfWayIsFinishedByTheNextInstanceWithoutWritingAnythingOlder() {
        OnlineSchema schema = OnlineSchema.of(registry.registry(project).featureView("killed").schema());
        List<RecordWrite> newer = new ArrayList<>();
        for (long entity = 0; entity < 10; entity++) {
            newer.add(new RecordWrite(key("killed", entity), schema, new OnlineRecord(now, null, List.of(99.0)), null));
        }
        onlineStore.write(newer).join();
        EmbeddedServer doomed = startInstance();
        RawHttp viaDoomed = new RawHttp(doomed.getURI(), jsonMapper);
        RawHttp.Answer queued = viaDoomed.send("POST", "/v1/materialize", "application/json", """
                {"project": "%s", "feature_views": ["killed"], "start_ts": "%s", "end_ts": "%s"}""".formatted(project, now.minus(1, ChronoUnit.DAYS), now));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String id = (String) ((Map<?, ?>) ((List<?>) queued.json().get("runs")).get(0)).get("run_id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> String.valueOf(http.get("/v1/runs/" + id).json().get("phase")).startsWith("writing"));
        String doomedInstance = (String) http.get("/v1/runs/" + id).json().get("instance");
        doomed.getApplicationContext().close();
        Map<String, Object> interrupted = http.get("/v1/runs/" + id).json();
        startInstance();
        Map<String, Object> run = awaitFinished(id);

        assertThat(interrupted.get("state")).as("the run after its instance stopped: %s", interrupted).isIn("queued", "running");
        assertThat(run).containsEntry("state", "succeeded").containsEntry("attempt", 2);
        assertThat(run.get("instance")).isNotEqualTo(doomedInstance);
        List<RecordRead> reads = new ArrayList<>();
        for (long entity = 0; entity < KILLED_ENTITIES; entity++) {
            reads.add(new RecordRead(key("killed", entity), schema));
        }
        List<OnlineRecord> records = onlineStore.read(reads).join();
        for (int entity = 0; entity < KILLED_ENTITIES; entity++) {
            OnlineRecord record = records.get(entity);
            assertThat(record).as("entity %d", entity).isNotNull();
            assertThat(record.values()).as("entity %d", entity).isEqualTo(List.of(entity < 10 ? 99.0 : entity / 10.0));
        }
        Map<String, Object> next = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["killed"], "end_ts": "%s"}""".formatted(project, now.plus(1, ChronoUnit.HOURS))).get(0));
        assertThat(next).containsEntry("state", "succeeded").containsEntry("start_ts", now.toString());
    }

    private String key(String view, long entity) {
        return OnlineKeys.recordKey(project, view, List.of(new JoinKey("driver_id", ValueType.INT64)), List.of(entity));
    }

    private static Instant started(Map<String, Object> run) {
        return Instant.parse((String) ((Map<?, ?>) run.get("timings")).get("started_at"));
    }

    private static Instant finished(Map<String, Object> run) {
        return Instant.parse((String) ((Map<?, ?>) run.get("timings")).get("finished_at"));
    }
}
