package dev.featurestore.registry.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.registry.domain.Documents;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TestCredentials;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Apply, snapshot, versions and audit against the real stack (PostgreSQL, Kafka). */
@MicronautTest(transactional = false)
class DefinitionApiTest extends AbstractRegistryApiTest {
    private static final String TRIPS_TODAY = "{\"name\": \"trips_today\", \"dtype\": \"INT64\"}";
    private static final String WITH_TRIPS_WEEK = TRIPS_TODAY + ", {\"name\": \"trips_week\", \"dtype\": \"INT64\"}";
    private static final int MAX_REQUEST_BYTES = 256 * 1024;

    @Override
    Map<String, String> additionalProperties() {
        return Map.of("micronaut.server.max-request-size", String.valueOf(MAX_REQUEST_BYTES));
    }

    @Test
    void designExampleIsCreatedThenUnchangedWhenAppliedAgain() {
        String project = newProject();

        RawHttp.Answer first = apply(project, "", Documents.designExample());
        RawHttp.Answer second = apply(project, "", Documents.designExample());

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).containsOnlyKeys("registry_version", "dry_run", "changes");
        assertThat(first.at("registry_version")).isEqualTo(1);
        assertThat(first.at("dry_run")).isEqualTo(false);
        assertThat(changes(first)).hasSize(8).allSatisfy(change -> {
            assertThat(change).containsOnlyKeys("kind", "name", "action", "diffs");
            assertThat(change.get("action")).isEqualTo("create");
        });
        assertThat(changes(first)).extracting(change -> change.get("kind") + "/" + change.get("name")).containsExactly(
                "entity/driver", "data_source/driver_stats_src", "data_source/driver_push", "data_source/driver_events",
                "data_source/ride_request", "feature_view/driver_hourly", "on_demand_feature_view/ride_quote", "feature_service/dispatch_v1");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.at("registry_version")).isEqualTo(1);
        assertThat(changes(second)).extracting(change -> change.get("action")).containsOnly("unchanged");
        assertThat(outboxRows(project)).isEqualTo(9);
        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(1);
    }

    @Test
    void compatibleChangeIsAnUpdateWhoseDiffsReachTheTopic() {
        String project = newProject();
        apply(project, "", Documents.designExample());

        RawHttp.Answer updated = send("POST", "/v1/projects/%s/apply".formatted(project), "application/json",
                Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK), Map.of("X-Actor", "alice@example.com"));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.at("registry_version")).isEqualTo(2);
        String diff = "schema.trips_week: (none) -> {name: \"trips_week\", dtype: INT64}";
        assertThat(changes(updated)).filteredOn(change -> !"unchanged".equals(change.get("action"))).containsExactly(
                Map.of("kind", "feature_view", "name", "driver_hourly", "action", "update", "diffs", List.of(diff)));
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(), Topics.REGISTRY_CHANGES,
                candidate -> "%s/feature_view/driver_hourly".formatted(project).equals(candidate.key()) && candidate.value().contains("\"updated\""),
                Duration.ofSeconds(30));
        CloudEvent<RegistryObjectChanged> event = CloudEvents.fromJson(record.value(), EventTypes.REGISTRY_OBJECT_CHANGED);
        assertThat(event.data()).isEqualTo(new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "driver_hourly", ChangeAction.UPDATED,
                2, 2, List.of(diff)));
        // what an outside consumer sees: the CloudEvents SDK's Kafka deserializer reads the same event (docs/events.md)
        CloudEventRecords.assertReadableByCloudEventsSdk(TestStack.shared().kafka().bootstrapServers(), record, EventTypes.REGISTRY_OBJECT_CHANGED,
                "/featurestore/registry-service");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> audit = (List<Map<String, Object>>) http.get("/v1/projects/%s/audit?limit=1".formatted(project)).at("entries");
        assertThat(audit).singleElement().satisfies(entry -> {
            // the authenticated principal (the test admin key), never the X-Actor header the caller sent
            assertThat(entry.get("actor")).isEqualTo(ADMIN_PRINCIPAL);
            assertThat(entry.get("action")).isEqualTo("updated");
            assertThat(entry.get("diffs")).isEqualTo(List.of(diff));
        });
    }

    @Test
    void breakingChangeIsRefusedNamingItThenAcceptedWithAllowBreaking() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        String breaking = Documents.designExampleWith(TRIPS_TODAY, "{\"name\": \"trips_today\", \"dtype\": \"FLOAT64\"}")
                .replace("\"timestamp_field\": \"event_timestamp\", \"created_timestamp_column\"", "\"timestamp_field\": \"ts\", \"created_timestamp_column\"");
        long outboxBefore = outboxRows(project);

        RawHttp.Answer refused = apply(project, "", breaking);

        Map<String, Object> problem = assertProblem(refused, 409, "BREAKING_CHANGE");
        assertThat(problem.get("errors")).isEqualTo(List.of(
                Map.of("path", "data_sources.driver_stats_src.timestamp_field", "message", "\"event_timestamp\" -> \"ts\": timestamp field changed (breaking)"),
                Map.of("path", "feature_views.driver_hourly.schema.trips_today.dtype", "message", "INT64 -> FLOAT64: dtype changed (breaking)")));
        assertThat((String) problem.get("detail")).contains("feature_views.driver_hourly.schema.trips_today.dtype").contains("allow_breaking=true");
        assertThat(outboxRows(project)).isEqualTo(outboxBefore);
        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(1);

        RawHttp.Answer accepted = apply(project, "?allow_breaking=true", breaking);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.at("registry_version")).isEqualTo(2);
        assertThat(changes(accepted)).filteredOn(change -> "update".equals(change.get("action")))
                .extracting(change -> change.get("diffs"))
                .containsExactly(List.of("timestamp_field: \"event_timestamp\" -> \"ts\""), List.of("schema.trips_today.dtype: INT64 -> FLOAT64"));
    }

    @Test
    void dryRunAnswersThePlanAndWritesNothing() {
        String project = newProject();

        RawHttp.Answer plan = apply(project, "?dry_run=true", Documents.designExample());

        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.at("dry_run")).isEqualTo(true);
        assertThat(plan.at("registry_version")).isEqualTo(0);
        assertThat(changes(plan)).hasSize(8).extracting(change -> change.get("action")).containsOnly("create");
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
        assertThat(outboxRows(project)).isZero();

        apply(project, "", Documents.designExample());
        RawHttp.Answer changePlan = apply(project, "?dry_run=true", Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK));

        assertThat(changes(changePlan)).filteredOn(change -> "update".equals(change.get("action"))).hasSize(1);
        assertThat(changePlan.at("registry_version")).isEqualTo(1);
        assertThat(http.get("/v1/projects/%s/feature_views/driver_hourly".formatted(project)).at("version")).isEqualTo(1);
    }

    @Test
    void pruneDeletesObjectsAbsentFromTheDocument() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        String onlyEntity = "{\"entities\": [{\"name\": \"driver\", \"join_keys\": [{\"name\": \"driver_id\", \"value_type\": \"INT64\"}],"
                + " \"description\": \"A driver\", \"owner\": \"ml@example.com\", \"tags\": {\"team\": \"dispatch\"}}]}";

        RawHttp.Answer kept = apply(project, "", onlyEntity);
        RawHttp.Answer pruned = apply(project, "?prune=true", onlyEntity);

        assertThat(changes(kept)).extracting(change -> change.get("action")).containsExactly("unchanged");
        assertThat(pruned.status()).as(pruned.body()).isEqualTo(200);
        assertThat(pruned.at("registry_version")).isEqualTo(2);
        assertThat(changes(pruned)).extracting(change -> change.get("name") + ":" + change.get("action")).containsExactly(
                "driver:unchanged", "driver_events:delete", "driver_push:delete", "driver_stats_src:delete", "ride_request:delete",
                "driver_hourly:delete", "ride_quote:delete", "dispatch_v1:delete");
        RawHttp.Answer snapshot = http.get("/v1/projects/%s/registry".formatted(project));
        assertThat((List<?>) snapshot.at("entities")).hasSize(1);
        assertThat((List<?>) snapshot.at("feature_views")).isEmpty();
        assertProblem(http.get("/v1/projects/%s/feature_views/driver_hourly".formatted(project)), 404, "OBJECT_NOT_FOUND");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) http.get(
                "/v1/projects/%s/feature_views/driver_hourly/versions".formatted(project)).at("versions");
        assertThat(versions).extracting(version -> version.get("version") + ":" + version.get("deleted")).containsExactly("1:false", "2:true");
    }

    @Test
    void deletingAnObjectStillReferencedIsRefusedByPrune() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        String withoutView = Documents.designExample().replaceAll("(?s)\"feature_views\": \\[.*?\\n  \\],", "");

        RawHttp.Answer refused = apply(project, "?prune=true", withoutView);

        Map<String, Object> problem = assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").toString()).contains("driver_hourly");
        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(1);
    }

    @Test
    void expectedRegistryVersionMustMatch() {
        String project = newProject();
        apply(project, "?expected_registry_version=0", Documents.designExample());

        RawHttp.Answer stale = apply(project, "?expected_registry_version=0", Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK));
        RawHttp.Answer current = apply(project, "?expected_registry_version=1", Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK));

        Map<String, Object> problem = assertProblem(stale, 409, "REGISTRY_VERSION_MISMATCH");
        assertThat((String) problem.get("detail")).contains("registry_version 1").contains("expected 0");
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.at("registry_version")).isEqualTo(2);
        assertProblem(apply(project, "?expected_registry_version=two", Documents.designExample()), 400, "VALIDATION_FAILED");
    }

    @Test
    void invalidDocumentListsEveryProblemAndWritesNothing() {
        String project = newProject();
        String invalid = Documents.designExample()
                .replace("\"entities\": [\"driver\"]", "\"entities\": [\"rider\"]")
                .replace("{\"name\": \"conv_rate\", \"dtype\": \"FLOAT64\"}", "{\"name\": \"conv_rate\", \"dtype\": \"FLOAT65\"}")
                .replace("\"name\": \"dispatch_v1\"", "\"name\": \"Dispatch-V1\"")
                .replace("{\"name\": \"ride_request\", \"type\": \"request\"", "{\"name\": \"driver_push\", \"type\": \"request\"")
                .replace("\"timestamp_field\": \"event_timestamp\", \"batch_source\"", "\"batch_source\"");

        RawHttp.Answer answer = apply(project, "", invalid);

        Map<String, Object> problem = assertProblem(answer, 400, "VALIDATION_FAILED");
        @SuppressWarnings("unchecked")
        List<String> paths = ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> (String) error.get("path")).toList();
        assertThat(paths).contains("feature_views[0].entities[0]", "feature_views[0].schema[0].dtype", "feature_services[0].name",
                "data_sources[3].name", "data_sources[2].timestamp_field");
        assertThat(problem.get("errors").toString()).contains("FLOAT65").contains("Dispatch-V1");
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
        assertThat(outboxRows(project)).isZero();
    }

    @Test
    void badOnDemandExpressionIsAValidationErrorAtTheExpression() {
        String project = newProject();
        String invalid = Documents.designExampleWith("\"ride_request.distance_km * 1.2 + driver_hourly.conv_rate\"",
                "\"ride_request.distance_km * 1.2 + driver_hourly.conv_rat\"");

        Map<String, Object> problem = assertProblem(apply(project, "", invalid), 400, "VALIDATION_FAILED");

        assertThat(problem.get("errors").toString()).contains("path=on_demand_feature_views[0].expressions.quote").contains("conv_rat");
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
        assertThat(outboxRows(project)).isZero();
    }

    @Test
    void malformedJsonAndYamlAreRefusedNamingWhere() {
        String project = newProject();

        Map<String, Object> json = assertProblem(apply(project, "", "{\"entities\": [}"), 400, "VALIDATION_FAILED");
        Map<String, Object> yaml = assertProblem(send("POST", "/v1/projects/%s/apply".formatted(project), "application/yaml",
                "entities:\n  - name: rider\n   join_keys: [\n", Map.of()), 400, "VALIDATION_FAILED");
        Map<String, Object> duplicate = assertProblem(send("POST", "/v1/projects/%s/apply".formatted(project), "application/yaml",
                "entities: []\nentities: []\n", Map.of()), 400, "VALIDATION_FAILED");

        assertThat(json.get("errors").toString()).contains("path=document").contains("line 1");
        assertThat(yaml.get("errors").toString()).contains("path=document").contains("invalid YAML at line");
        assertThat(duplicate.get("errors").toString()).contains("path=document").contains("entities");
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void yamlDocumentIsAppliedLikeJson() {
        String project = newProject();

        RawHttp.Answer answer = send("POST", "/v1/projects/%s/apply".formatted(project), "application/yaml", Documents.read("small.yaml"), Map.of());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(changes(answer)).extracting(change -> change.get("name") + ":" + change.get("action"))
                .containsExactly("rider:create", "rider_stats_src:create", "rider_stats:create");
        assertThat(http.get("/v1/projects/%s/feature_views/rider_stats".formatted(project)).at("definition.ttl")).isEqualTo("7d");
    }

    @Test
    void yamlStreamOfSeveralDocumentsIsOneDocumentWithItsListsJoined() {
        String project = newProject();
        // a feature repository's files concatenated: sections split over documents, an empty one, references across them
        String stream = """
                entities:
                  - name: rider
                    join_keys: [{name: rider_id, value_type: STRING}]
                ---
                # comments only
                ---
                data_sources:
                  - {name: rider_stats_src, type: parquet, path: "s3://features/rider_stats/", timestamp_field: event_timestamp}
                feature_views:
                  - {name: rider_stats, entities: [rider], source: rider_stats_src, schema: [{name: trips_7d, dtype: INT64}]}
                ---
                feature_views:
                  - {name: rider_rating, entities: [rider], source: rider_stats_src, schema: [{name: rating, dtype: FLOAT}]}
                """;

        Map<String, Object> invalid = assertProblem(send("POST", "/v1/projects/%s/apply".formatted(project), "application/yaml", stream, Map.of()),
                400, "VALIDATION_FAILED");
        RawHttp.Answer answer = send("POST", "/v1/projects/%s/apply".formatted(project), "application/yaml",
                stream.replace("dtype: FLOAT}", "dtype: FLOAT32}"), Map.of());
        Map<String, Object> repeated = assertProblem(send("POST", "/v1/projects/%s/apply".formatted(project), "application/yaml",
                "entities: []\n---\nentities: {}\n", Map.of()), 400, "VALIDATION_FAILED");

        // indexes count across the documents: the second document's first view is feature_views[1]
        assertThat(invalid.get("errors").toString()).contains("path=feature_views[1].schema[0].dtype");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(changes(answer)).extracting(change -> change.get("name") + ":" + change.get("action"))
                .containsExactly("rider:create", "rider_stats_src:create", "rider_stats:create", "rider_rating:create");
        assertThat(repeated.get("errors").toString()).contains("path=document").contains("'entities' appears again in document 2");
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String project = newProject();
        String padded = "{\"entities\": []" + " ".repeat(MAX_REQUEST_BYTES + 1024) + "}";

        assertProblem(apply(project, "", padded), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void snapshotHasAnETagAndAnswers304UntilTheNextChange() {
        String project = newProject();
        apply(project, "", Documents.designExample());

        HttpResponse<String> first = get("/v1/projects/%s/registry".formatted(project), Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> unchanged = get("/v1/projects/%s/registry".formatted(project), Map.of("If-None-Match", etag));
        apply(project, "", Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK));
        HttpResponse<String> changed = get("/v1/projects/%s/registry".formatted(project), Map.of("If-None-Match", etag));

        assertThat(first.statusCode()).isEqualTo(200);
        Map<String, Object> snapshot = json(first.body());
        assertThat(snapshot).containsOnlyKeys("project", "registry_version", "entities", "data_sources", "feature_views",
                "on_demand_feature_views", "feature_services");
        assertThat(snapshot.get("registry_version")).isEqualTo(1);
        assertThat((List<?>) snapshot.get("data_sources")).hasSize(4);
        assertThat(first.body()).contains("\"type\":\"parquet\"").contains("ride_request.distance_km * 1.2 + driver_hourly.conv_rate");
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(json(changed.body()).get("registry_version")).isEqualTo(2);
        assertThat(changed.body()).contains("\"trips_week\"");
        assertThat(get("/v1/projects/%s/registry".formatted(project), Map.of()).body()).isEqualTo(changed.body());
        assertProblem(http.get("/v1/projects/nobody_here/registry"), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void everyVersionIsKeptAndTheCurrentObjectSaysItsVersion() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        apply(project, "", Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK));

        RawHttp.Answer current = http.get("/v1/projects/%s/feature_views/driver_hourly".formatted(project));
        RawHttp.Answer versions = http.get("/v1/projects/%s/feature_views/driver_hourly/versions".formatted(project));
        RawHttp.Answer first = http.get("/v1/projects/%s/feature_views/driver_hourly/versions/1".formatted(project));

        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.at("version")).isEqualTo(2);
        assertThat(current.at("registry_version")).isEqualTo(2);
        assertThat(current.at("kind")).isEqualTo("feature_view");
        assertThat((List<?>) current.at("definition.schema")).hasSize(3);
        assertThat((List<?>) versions.at("versions")).hasSize(2);
        assertThat(first.at("version")).isEqualTo(1);
        assertThat((List<?>) first.at("definition.schema")).hasSize(2);
        assertThat(http.get("/v1/projects/%s/entities/driver".formatted(project)).at("version")).isEqualTo(1);
        assertProblem(http.get("/v1/projects/%s/feature_views/driver_hourly/versions/3".formatted(project)), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get("/v1/projects/%s/feature_views/nobody".formatted(project)), 404, "OBJECT_NOT_FOUND");
        assertProblem(http.get("/v1/projects/%s/widgets/driver_hourly".formatted(project)), 404, "UNKNOWN_KIND");
    }

    @Test
    void auditLogIsPagedNewestFirst() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        apply(project, "", Documents.designExampleWith(TRIPS_TODAY, WITH_TRIPS_WEEK));

        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RawHttp.Answer page = http.get("/v1/projects/%s/audit?limit=4%s".formatted(project, cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) page.at("entries");
            all.addAll(entries);
            cursor = (String) page.at("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(10);
        assertThat(all.get(0)).containsEntry("kind", "feature_view").containsEntry("action", "updated").containsEntry("version", 2)
                .containsEntry("registry_version", 2).containsEntry("actor", ADMIN_PRINCIPAL);
        assertThat(all.get(all.size() - 1)).containsEntry("kind", "project").containsEntry("action", "created");
        assertThat(all).extracting(entry -> ((Number) entry.get("id")).longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertProblem(http.get("/v1/projects/%s/audit?limit=0".formatted(project)), 400, "VALIDATION_FAILED");
    }

    @Test
    void concurrentAppliesToOneProjectAreSerialized() throws Exception {
        String project = newProject();
        apply(project, "", Documents.designExample());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<RawHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String tagged = Documents.designExampleWith("\"tags\": {}", "\"tags\": {\"round\": \"%d\"}".formatted(i));
                answers.add(CompletableFuture.supplyAsync(() -> apply(project, "", tagged), pool));
            }
            for (CompletableFuture<RawHttp.Answer> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(5);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) http.get(
                "/v1/projects/%s/feature_views/driver_hourly/versions".formatted(project)).at("versions");
        assertThat(versions).extracting(version -> version.get("registry_version")).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void objectsOfAKindAreListedWithFilters() {
        String project = newProject();
        apply(project, "", Documents.designExample());

        RawHttp.Answer all = http.get("/v1/projects/%s/data_sources".formatted(project));
        RawHttp.Answer byPrefix = http.get("/v1/projects/%s/data_sources?prefix=driver_".formatted(project));
        RawHttp.Answer byTag = http.get("/v1/projects/%s/entities?tag=team:dispatch".formatted(project));
        RawHttp.Answer byOtherTag = http.get("/v1/projects/%s/entities?tag=team:growth".formatted(project));
        RawHttp.Answer byOwner = http.get("/v1/projects/%s/entities?owner=ml@example.com".formatted(project));

        assertThat(names(all)).containsExactly("driver_events", "driver_push", "driver_stats_src", "ride_request");
        assertThat(names(byPrefix)).containsExactly("driver_events", "driver_push", "driver_stats_src");
        assertThat(names(byTag)).containsExactly("driver");
        assertThat(names(byOtherTag)).isEmpty();
        assertThat(names(byOwner)).containsExactly("driver");
        assertThat(http.get("/v1/projects/%s/registry".formatted(project)).at("registry_version")).isEqualTo(1);
        assertProblem(http.get("/v1/projects/%s/widgets".formatted(project)), 404, "UNKNOWN_KIND");
    }

    @Test
    void putAppliesOneObjectWithTheRulesOfApply() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        String path = "/v1/projects/%s/feature_views/driver_hourly".formatted(project);
        String view = "{\"name\": \"driver_hourly\", \"entities\": [\"driver\"], \"source\": \"driver_push\", \"ttl\": \"2d\","
                + " \"online\": true, \"schema\": [{\"name\": \"conv_rate\", \"dtype\": \"FLOAT64\"}, {\"name\": \"trips_today\", \"dtype\": \"INT32\"}],"
                + " \"freshness_sla\": \"26h\", \"materialization_interval\": \"1h\", \"description\": \"...\", \"owner\": \"...\", \"tags\": {}}";

        Map<String, Object> refused = assertProblem(send("PUT", path, "application/json", view, Map.of()), 409, "BREAKING_CHANGE");
        RawHttp.Answer accepted = send("PUT", path + "?allow_breaking=true", "application/json", view, Map.of());
        Map<String, Object> misnamed = assertProblem(send("PUT", "/v1/projects/%s/feature_views/other".formatted(project), "application/json", view, Map.of()),
                400, "VALIDATION_FAILED");

        assertThat(refused.get("errors").toString()).contains("feature_views.driver_hourly.schema.trips_today.dtype");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(changes(accepted)).containsExactly(Map.of("kind", "feature_view", "name", "driver_hourly", "action", "update",
                "diffs", List.of("schema.trips_today.dtype: INT64 -> INT32")));
        assertThat(misnamed.get("errors").toString()).contains("path=name");
        assertThat(http.get(path).at("version")).isEqualTo(2);
    }

    @Test
    void deleteIsRefusedWhileReferencedAndAllowedOnceNot() {
        String project = newProject();
        apply(project, "", Documents.designExample());

        Map<String, Object> inUse = assertProblem(send("DELETE", "/v1/projects/%s/feature_views/driver_hourly".formatted(project), "application/json", "", Map.of()),
                409, "OBJECT_IN_USE");
        RawHttp.Answer deleted = send("DELETE", "/v1/projects/%s/feature_services/dispatch_v1".formatted(project), "application/json", "",
                Map.of("X-Actor", "carol"));

        assertThat((String) inUse.get("detail")).contains("on_demand_feature_view 'ride_quote'").contains("feature_service 'dispatch_v1'");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.at("registry_version")).isEqualTo(2);
        assertProblem(http.get("/v1/projects/%s/feature_services/dispatch_v1".formatted(project)), 404, "OBJECT_NOT_FOUND");
        assertProblem(send("DELETE", "/v1/projects/%s/feature_services/dispatch_v1".formatted(project), "application/json", "", Map.of()),
                404, "OBJECT_NOT_FOUND");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) answer.at("objects")).stream().map(object -> object.get("name")).toList();
    }

    private RawHttp.Answer send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return http.send(request);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).GET().timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestCredentials.ADMIN_KEY);
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> json(String body) {
        try {
            return jsonMapper.readValue(body, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
