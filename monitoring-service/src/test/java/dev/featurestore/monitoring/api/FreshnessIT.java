package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.events;
import static dev.featurestore.monitoring.MonitoringInstance.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FreshnessRecovered;
import dev.featurestore.contracts.events.FreshnessViolated;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.MaterializationFailed;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.monitoring.TestClock;
import dev.featurestore.runtime.testing.PrometheusText;
import dev.featurestore.runtime.testing.RawHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Freshness through the running service, with the test clock: SLA breached -> exactly one violated event, recovered ->
 * exactly one recovered event, with restarts in between; duplicate and reordered materialization events give the same
 * outcome; a failure that leaves the view unable to meet its SLA violates at once.
 */
class FreshnessIT {
    private static final String DEFINITIONS = """
            {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
             "data_sources": [{"name": "stats", "type": "parquet", "path": "s3://b/stats/", "timestamp_field": "event_timestamp"}],
             "feature_views": [
               {"name": "hourly", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true, "freshness_sla": "2h",
                "materialization_interval": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]},
               {"name": "reordered", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true, "freshness_sla": "2h",
                "materialization_interval": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]},
               {"name": "failing", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true, "freshness_sla": "2h",
                "materialization_interval": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]},
               {"name": "no_sla", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true,
                "schema": [{"name": "trips", "dtype": "INT64"}]},
               {"name": "offline_only", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": false, "freshness_sla": "1h",
                "schema": [{"name": "trips", "dtype": "INT64"}]}]}
            """;

    private final String project = "freshness_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final TestClock clock = TestClock.shared();
    private MonitoringInstance instance;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    private void startWithDefinitions() {
        instance = MonitoringInstance.start(Map.of());
        instance.registry().put(project, DEFINITIONS);
        publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "hourly", ChangeAction.CREATED, 1, 1,
                List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> views().size() == 5);
    }

    private void restart() {
        instance.close();
        instance = MonitoringInstance.start(Map.of());
    }

    @Test
    void slaBreachedThenRecoveredPublishesOneEventEachAcrossRestarts() {
        startWithDefinitions();
        assertThat(view("hourly").at("state")).isEqualTo("unknown");
        assertThat(view("no_sla").at("evaluated")).isEqualTo(false);
        assertThat(view("offline_only").at("evaluated")).isEqualTo(false);

        Instant firstMax = clock.instant().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        completed("hourly", firstMax);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ok".equals(view("hourly").at("state")));
        assertThat(view("hourly").at("max_event_timestamp")).isEqualTo(firstMax.toString());

        // down while the SLA passes: the first instance up after it finds the violation
        instance.close();
        clock.advance(Duration.ofHours(3));
        instance = MonitoringInstance.start(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> events(EventTypes.FRESHNESS_VIOLATED, project, "hourly").size() >= 1);
        RawHttp.Answer violatedView = instance.http().get("/v1/freshness/%s/hourly".formatted(project));
        assertThat(violatedView.at("state")).isEqualTo("violated");
        assertThat(violatedView.at("reason")).isEqualTo("sla_exceeded");
        assertThat(((Number) violatedView.at("staleness_seconds")).longValue()).isGreaterThanOrEqualTo(Duration.ofHours(3).toSeconds());

        // restarted while violated: nothing is published again
        restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.sample(instance.http().get("/prometheus").body(),
                "featurestore_feature_freshness_seconds", "project=\"%s\"".formatted(project), "feature_view=\"hourly\"") > 3 * 3600);
        Instant freshMax = clock.instant().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        completed("hourly", freshMax);
        await().atMost(Duration.ofSeconds(30)).until(() -> events(EventTypes.FRESHNESS_RECOVERED, project, "hourly").size() >= 1);
        restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> "ok".equals(view("hourly").at("state")));

        List<CloudEvent<FreshnessViolated>> violated = events(EventTypes.FRESHNESS_VIOLATED, project, "hourly");
        List<CloudEvent<FreshnessRecovered>> recovered = events(EventTypes.FRESHNESS_RECOVERED, project, "hourly");
        assertThat(violated.stream().map(CloudEvent::id).distinct()).hasSize(1);
        assertThat(recovered.stream().map(CloudEvent::id).distinct()).hasSize(1);
        FreshnessViolated violation = violated.get(0).data();
        assertThat(violation.reason()).isEqualTo("sla_exceeded");
        assertThat(violation.freshnessSlaSeconds()).isEqualTo(7200);
        assertThat(violation.maxEventTimestamp()).isEqualTo(firstMax);
        assertThat(violation.lastRun()).isNotNull();
        assertThat(violation.lastError()).isNull();
        FreshnessRecovered recovery = recovered.get(0).data();
        assertThat(recovery.reason()).isEqualTo("fresh");
        assertThat(recovery.violatedSince()).isEqualTo(violation.detectedAt());
        assertThat(recovery.maxEventTimestamp()).isEqualTo(freshMax);
        assertThat(recovery.stalenessSeconds()).isLessThan(Duration.ofHours(1).toSeconds());
        assertThat(events(EventTypes.FRESHNESS_VIOLATED, project, "no_sla")).isEmpty();
        assertThat(events(EventTypes.FRESHNESS_VIOLATED, project, "offline_only")).isEmpty();
        MonitoringInstance.assertReadableByCloudEventsSdk(EventTypes.FRESHNESS_VIOLATED, project, "hourly");
        MonitoringInstance.assertReadableByCloudEventsSdk(EventTypes.FRESHNESS_RECOVERED, project, "hourly");
    }

    @Test
    void duplicateAndReorderedEventsGiveTheSameOutcome() {
        startWithDefinitions();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String newest = UUID.randomUUID().toString();
        // created in the order they happened (an earlier run, a failure, the newest run), delivered in another, the newest twice
        CloudEvent<MaterializationCompleted> older = CloudEvents.create(EventTypes.MATERIALIZATION_COMPLETED, "/test",
                completedData("reordered", UUID.randomUUID().toString(), now.minus(3, ChronoUnit.HOURS)), Clock.fixed(now.minusSeconds(120), ZoneOffset.UTC));
        CloudEvent<MaterializationFailed> failure = CloudEvents.create(EventTypes.MATERIALIZATION_FAILED, "/test", failedData("reordered"),
                Clock.fixed(now.minusSeconds(60), ZoneOffset.UTC));
        CloudEvent<MaterializationCompleted> latest = CloudEvents.create(EventTypes.MATERIALIZATION_COMPLETED, "/test",
                completedData("reordered", newest, now.minus(5, ChronoUnit.MINUTES)), Clock.fixed(now, ZoneOffset.UTC));
        publish(latest);
        publish(latest);
        publish(failure);
        publish(older);
        Instant failedAt = failure.time();

        await().atMost(Duration.ofSeconds(30)).until(() -> view("reordered").at("last_error") != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ok".equals(view("reordered").at("state")));
        RawHttp.Answer answer = instance.http().get("/v1/freshness/%s/reordered".formatted(project));
        assertThat(answer.at("max_event_timestamp")).isEqualTo(now.minus(5, ChronoUnit.MINUTES).toString());
        assertThat(answer.at("last_run.run_id")).isEqualTo(newest);
        // the failure happened before the newest run: it is the last error, but the view is ok
        assertThat(answer.at("last_error.failed_at")).isEqualTo(failedAt.toString());
        assertThat(answer.at("state")).isEqualTo("ok");
        assertThat(events(EventTypes.FRESHNESS_VIOLATED, project, "reordered")).isEmpty();
    }

    @Test
    void aFailureThatLeavesTheViewStaleBeforeItsNextRunViolatesAtOnceUntilARunSucceeds() {
        startWithDefinitions();
        // values 90 minutes old go stale in 30 minutes; the next scheduled run after a failure now is due in an hour
        completed("failing", clock.instant().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ok".equals(view("failing").at("state")));
        publish(EventTypes.MATERIALIZATION_FAILED, failedData("failing"));

        await().atMost(Duration.ofSeconds(30)).until(() -> events(EventTypes.FRESHNESS_VIOLATED, project, "failing").size() >= 1);
        FreshnessViolated violation = events(EventTypes.FRESHNESS_VIOLATED, project, "failing").get(0).data();
        assertThat(violation.reason()).isEqualTo("materialization_failed");
        assertThat(violation.lastError()).isNotNull();
        assertThat(violation.lastError().errorCode()).isEqualTo("SOURCE_UNREADABLE");
        assertThat(violation.lastError().errorMessage()).contains("part-00003.parquet");

        completed("failing", clock.instant().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
        await().atMost(Duration.ofSeconds(30)).until(() -> events(EventTypes.FRESHNESS_RECOVERED, project, "failing").size() >= 1);
        assertThat(events(EventTypes.FRESHNESS_VIOLATED, project, "failing").stream().map(CloudEvent::id).distinct()).hasSize(1);
        assertThat(view("failing").at("state")).isEqualTo("ok");
    }

    @Test
    void unknownViewIsAProblemNamingIt() {
        startWithDefinitions();
        RawHttp.Answer answer = instance.http().get("/v1/freshness/%s/no_such_view".formatted(project));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.at("code")).isEqualTo("VIEW_NOT_FOUND");
        assertThat((String) answer.at("detail")).contains("no_such_view").contains(project);
    }

    private void completed(String view, Instant maxEventTimestamp) {
        publish(EventTypes.MATERIALIZATION_COMPLETED, completedData(view, UUID.randomUUID().toString(), maxEventTimestamp));
    }

    private MaterializationCompleted completedData(String view, String runId, Instant maxEventTimestamp) {
        Instant now = clock.instant();
        return new MaterializationCompleted(project, view, runId, "schedule", now.minus(1, ChronoUnit.HOURS), now, 100L, 10L, 0L, 0L,
                maxEventTimestamp, 1_000L, Map.of(), null);
    }

    private MaterializationFailed failedData(String view) {
        Instant now = clock.instant();
        return new MaterializationFailed(project, view, UUID.randomUUID().toString(), "schedule", now.minus(1, ChronoUnit.HOURS), now,
                "SOURCE_UNREADABLE", "s3://b/stats/part-00003.parquet: not a Parquet file", 0L, 10L);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> views() {
        RawHttp.Answer answer = instance.http().get("/v1/freshness?project=" + project);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (List<Map<String, Object>>) answer.json().get("views");
    }

    private RawHttp.Answer view(String name) {
        RawHttp.Answer answer = instance.http().get("/v1/freshness/%s/%s".formatted(project, name));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }
}
