package dev.featurestore.registry.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.registry.domain.Documents;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code DELETE /v1/projects/{project}} against the real stack (PostgreSQL, Kafka). */
@MicronautTest(transactional = false)
class ProjectDeleteApiTest extends AbstractRegistryApiTest {
    @Test
    void deleteIsRefusedWhileTheProjectHoldsObjectsNamingTheCountPerKind() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        long outboxBefore = outboxRows(project);

        Map<String, Object> problem = assertProblem(delete(project, ""), 409, "PROJECT_NOT_EMPTY");

        assertThat(problem.get("errors")).isEqualTo(List.of(
                Map.of("path", "entities", "message", "holds 1 object(s)"),
                Map.of("path", "data_sources", "message", "holds 4 object(s)"),
                Map.of("path", "feature_views", "message", "holds 1 object(s)"),
                Map.of("path", "on_demand_feature_views", "message", "holds 1 object(s)"),
                Map.of("path", "feature_services", "message", "holds 1 object(s)")));
        assertThat((String) problem.get("detail"))
                .contains("1 entities, 4 data_sources, 1 feature_views, 1 on_demand_feature_views, 1 feature_services")
                .contains("cascade=true");
        assertThat(outboxRows(project)).isEqualTo(outboxBefore);
        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(1);
        assertThat((List<?>) http.get("/v1/projects/%s/registry".formatted(project)).at("feature_views")).hasSize(1);
    }

    @Test
    void cascadeDeletesEveryObjectWithTombstonesAuditRowsAndOneEventEach() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        long outboxBefore = outboxRows(project);

        RawHttp.Answer deleted = send("DELETE", "/v1/projects/%s?cascade=true".formatted(project), Map.of("X-Actor", "dave"));

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.at("registry_version")).isEqualTo(2);
        assertThat(deleted.at("dry_run")).isEqualTo(false);
        assertThat(changes(deleted)).extracting(change -> change.get("kind") + "/" + change.get("name") + ":" + change.get("action"))
                .containsExactly("feature_service/dispatch_v1:delete", "on_demand_feature_view/ride_quote:delete",
                        "feature_view/driver_hourly:delete", "data_source/driver_events:delete", "data_source/driver_push:delete",
                        "data_source/driver_stats_src:delete", "data_source/ride_request:delete", "entity/driver:delete",
                        "project/%s:delete".formatted(project));
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
        assertProblem(http.get("/v1/projects/%s/registry".formatted(project)), 404, "PROJECT_NOT_FOUND");
        assertProblem(http.get("/v1/projects/%s/feature_views".formatted(project)), 404, "PROJECT_NOT_FOUND");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projects = (List<Map<String, Object>>) http.get("/v1/projects").at("projects");
        assertThat(projects).extracting(listed -> listed.get("name")).doesNotContain(project);
        assertThat(outboxRows(project)).isEqualTo(outboxBefore + 9);

        // History is kept: the tombstone versions and the audit log stay readable.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) http.get(
                "/v1/projects/%s/feature_views/driver_hourly/versions".formatted(project)).at("versions");
        assertThat(versions).extracting(version -> version.get("version") + ":" + version.get("deleted")).containsExactly("1:false", "2:true");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> audit = (List<Map<String, Object>>) http.get("/v1/projects/%s/audit?limit=9".formatted(project)).at("entries");
        assertThat(audit).hasSize(9).allSatisfy(entry -> {
            assertThat(entry.get("action")).isEqualTo("deleted");
            assertThat(entry.get("actor")).isEqualTo(ADMIN_PRINCIPAL);
            assertThat(entry.get("registry_version")).isEqualTo(2);
        });
        assertThat(audit.get(0)).containsEntry("kind", "project").containsEntry("name", project).containsEntry("version", 2);

        ConsumerRecord<String, String> projectEvent = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(),
                Topics.REGISTRY_CHANGES, candidate -> "%s/project/%s".formatted(project, project).equals(candidate.key())
                        && candidate.value().contains("\"deleted\""), Duration.ofSeconds(30));
        assertThat(CloudEvents.fromJson(projectEvent.value(), EventTypes.REGISTRY_OBJECT_CHANGED).data())
                .isEqualTo(new RegistryObjectChanged(project, ObjectKind.PROJECT, project, ChangeAction.DELETED, 2, 2, List.of()));
        ConsumerRecord<String, String> viewEvent = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(),
                Topics.REGISTRY_CHANGES, candidate -> "%s/feature_view/driver_hourly".formatted(project).equals(candidate.key())
                        && candidate.value().contains("\"deleted\""), Duration.ofSeconds(30));
        assertThat(CloudEvents.fromJson(viewEvent.value(), EventTypes.REGISTRY_OBJECT_CHANGED).data())
                .isEqualTo(new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "driver_hourly", ChangeAction.DELETED, 2, 2, List.of()));
    }

    @Test
    void emptyProjectIsDeletedWithoutCascade() {
        String project = newProject();
        http.send("POST", "/v1/projects", "application/json", "{\"name\": \"%s\"}".formatted(project));

        RawHttp.Answer deleted = delete(project, "");

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.at("registry_version")).isEqualTo(2);
        assertThat(changes(deleted)).containsExactly(Map.of("kind", "project", "name", project, "action", "delete", "diffs", List.of()));
        assertProblem(http.get("/v1/projects/" + project), 404, "PROJECT_NOT_FOUND");
        assertProblem(delete(project, ""), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void recreatedProjectContinuesItsRegistryVersionAndObjectVersions() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        delete(project, "?cascade=true");

        RawHttp.Answer again = apply(project, "", Documents.designExample());

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.at("registry_version")).isEqualTo(3);
        assertThat(changes(again)).extracting(change -> change.get("action")).containsOnly("create");
        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(3);
        assertThat(http.get("/v1/projects/%s/feature_views/driver_hourly".formatted(project)).at("version")).isEqualTo(3);
        assertThat(http.get("/v1/projects/%s/registry".formatted(project)).at("registry_version")).isEqualTo(3);
        ConsumerRecord<String, String> created = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(),
                Topics.REGISTRY_CHANGES, candidate -> "%s/project/%s".formatted(project, project).equals(candidate.key())
                        && CloudEvents.fromJson(candidate.value(), EventTypes.REGISTRY_OBJECT_CHANGED).data().action() == ChangeAction.CREATED
                        && CloudEvents.fromJson(candidate.value(), EventTypes.REGISTRY_OBJECT_CHANGED).data().registryVersion() == 3,
                Duration.ofSeconds(30));
        assertThat(CloudEvents.fromJson(created.value(), EventTypes.REGISTRY_OBJECT_CHANGED).data())
                .isEqualTo(new RegistryObjectChanged(project, ObjectKind.PROJECT, project, ChangeAction.CREATED, 3, 3, List.of()));
    }

    @Test
    void projectCreatedAgainByPostTakesItsNewDescriptionAndContinuesItsRegistryVersion() {
        String project = newProject();
        http.send("POST", "/v1/projects", "application/json", "{\"name\": \"%s\", \"owner\": \"old@example.com\"}".formatted(project));
        delete(project, "");

        RawHttp.Answer created = http.send("POST", "/v1/projects", "application/json",
                "{\"name\": \"%s\", \"owner\": \"new@example.com\"}".formatted(project));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.at("registry_version")).isEqualTo(3);
        assertThat(created.at("owner")).isEqualTo("new@example.com");
        assertProblem(http.send("POST", "/v1/projects", "application/json", "{\"name\": \"%s\"}".formatted(project)), 409,
                "PROJECT_ALREADY_EXISTS");
    }

    @Test
    void dryRunAnswersThePlanAndWritesNothing() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        long outboxBefore = outboxRows(project);

        RawHttp.Answer plan = delete(project, "?cascade=true&dry_run=true");

        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.at("dry_run")).isEqualTo(true);
        assertThat(plan.at("registry_version")).isEqualTo(1);
        assertThat(changes(plan)).hasSize(9);
        assertThat(outboxRows(project)).isEqualTo(outboxBefore);
        assertThat(http.get("/v1/projects/%s/feature_views/driver_hourly".formatted(project)).at("version")).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingItAndWritesNothing() {
        String project = newProject();
        apply(project, "", Documents.designExample());
        long outboxBefore = outboxRows(project);

        Map<String, Object> badFlag = assertProblem(delete(project, "?cascade=yes"), 400, "VALIDATION_FAILED");
        Map<String, Object> badVersion = assertProblem(delete(project, "?cascade=true&expected_registry_version=x"), 400, "VALIDATION_FAILED");
        Map<String, Object> stale = assertProblem(delete(project, "?cascade=true&expected_registry_version=7"), 409, "REGISTRY_VERSION_MISMATCH");
        assertProblem(delete("no_such_project_here", "?cascade=true"), 404, "PROJECT_NOT_FOUND");

        assertThat(badFlag.get("errors").toString()).contains("path=cascade").contains("yes");
        assertThat(badVersion.get("errors").toString()).contains("path=expected_registry_version");
        assertThat((String) stale.get("detail")).contains("registry_version 1").contains("expected 7");
        assertThat(outboxRows(project)).isEqualTo(outboxBefore);
        assertThat(http.get("/v1/projects/" + project).at("registry_version")).isEqualTo(1);
    }

    private RawHttp.Answer delete(String project, String query) {
        return send("DELETE", "/v1/projects/%s%s".formatted(project, query), Map.of());
    }

    private RawHttp.Answer send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request);
    }
}
