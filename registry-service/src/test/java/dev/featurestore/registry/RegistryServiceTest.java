package dev.featurestore.registry;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@MicronautTest
class RegistryServiceTest extends AbstractServiceSmokeTest {
    RegistryServiceTest() {
        super("registry", "postgresql", "kafka");
    }

    @Test
    void createdProjectIsReadableAndPublishedAsRegistryChange() {
        RawHttp.Answer created = http.send("POST", "/v1/projects", "application/json",
                "{\"name\": \"fraud_detection\", \"description\": \"Card fraud\", \"owner\": \"risk@example.com\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.at("registry_version")).isEqualTo(1);
        RawHttp.Answer read = http.get("/v1/projects/fraud_detection");
        assertThat(read.at("owner")).isEqualTo("risk@example.com");
        assertThat(read.at("description")).isEqualTo("Card fraud");
        assertThat(read.at("created_at")).isEqualTo(created.at("created_at"));

        ConsumerRecord<String, String> record = TopicReader.awaitRecord(
                TestStack.shared().kafka().bootstrapServers(), Topics.REGISTRY_CHANGES,
                candidate -> "fraud_detection/project/fraud_detection".equals(candidate.key()), Duration.ofSeconds(30));
        CloudEvent<RegistryObjectChanged> event = CloudEvents.fromJson(record.value(), EventTypes.REGISTRY_OBJECT_CHANGED);
        assertThat(event.data()).isEqualTo(new RegistryObjectChanged(
                "fraud_detection", ObjectKind.PROJECT, "fraud_detection", ChangeAction.CREATED, 1, 1, List.of()));
        assertThat(event.subject()).isEqualTo(record.key());
        assertThat(event.source()).isEqualTo("/featurestore/registry-service");
    }

    @Test
    void listsProjectsByName() {
        http.send("POST", "/v1/projects", "application/json", "{\"name\": \"zeta\"}");
        http.send("POST", "/v1/projects", "application/json", "{\"name\": \"alpha\"}");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projects = (List<Map<String, Object>>) http.get("/v1/projects").at("projects");

        List<Object> names = projects.stream().map(project -> project.get("name")).toList();
        assertThat(names).contains("alpha", "zeta");
        assertThat(names.indexOf("alpha")).isLessThan(names.indexOf("zeta"));
    }

    @Test
    void rejectsDuplicateProjectWithConflict() {
        http.send("POST", "/v1/projects", "application/json", "{\"name\": \"twice\"}");

        RawHttp.Answer again = http.send("POST", "/v1/projects", "application/json", "{\"name\": \"twice\"}");

        Map<String, Object> problem = assertProblem(again, 409, "PROJECT_ALREADY_EXISTS");
        assertThat((String) problem.get("detail")).contains("twice");
    }

    @Test
    void rejectsBadNameNamingTheFieldAndWritesNothing() {
        RawHttp.Answer answer = http.send("POST", "/v1/projects", "application/json", "{\"name\": \"Bad-Name\"}");

        Map<String, Object> problem = assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").toString()).contains("name").contains("Bad-Name");
        assertProblem(http.get("/v1/projects/Bad-Name"), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void rejectsMissingNameNamingTheField() {
        RawHttp.Answer answer = http.send("POST", "/v1/projects", "application/json", "{\"owner\": \"x@example.com\"}");

        Map<String, Object> problem = assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors").toString()).contains("path=name");
    }

    @Test
    void answersUnknownProjectWithNotFound() {
        assertProblem(http.get("/v1/projects/nobody_here"), 404, "PROJECT_NOT_FOUND");
    }
}
