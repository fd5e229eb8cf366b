package dev.featurestore.contracts.events;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document of the suite's topics ({@code docs/asyncapi.yaml}) cannot drift from the code: it names every
 * topic of {@link Topics} and every event type of {@link EventTypes} (and nothing else), each message on its type's
 * topic with its key rule, the binding's headers, and as payload the type's JSON Schema in this module.
 */
class AsyncApiDocumentTest {
    private static final Path DOCS = Path.of(System.getProperty("basedir", "."), "..", "docs").normalize();

    private static Map<String, Object> document;

    @BeforeAll
    static void readDocument() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCS.resolve("asyncapi.yaml"))) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat((String) document.get("asyncapi")).startsWith("3.");
        assertThat(map(document, "info")).containsKeys("title", "version");
    }

    @Test
    void namesEveryTopicOfTheCodeAndNoOther() {
        List<String> addresses = new ArrayList<>();
        map(document, "channels").forEach((id, channel) -> {
            String address = (String) map(document, "channels", id).get("address");
            addresses.add(address);
            assertThat(map(document, "channels", id, "bindings", "kafka").get("topic")).as("kafka binding of channel %s", id).isEqualTo(address);
        });

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @Test
    void namesEveryEventTypeOfTheCodeAndNoOther() {
        List<String> names = map(document, "components", "messages").keySet().stream()
                .map(id -> (String) map(document, "components", "messages", id).get("name"))
                .toList();

        assertThat(names).containsExactlyInAnyOrderElementsOf(EventTypes.all().stream().map(EventType::type).toList());
    }

    @Test
    void putsEachEventTypeOnItsTopicWithItsKeyRuleAndSchema() {
        for (EventType<?> type : EventTypes.all()) {
            String messageId = messageIdOf(type);
            Map<String, Object> message = map(document, "components", "messages", messageId);
            String channelId = channelIdOf(type.topic());

            assertThat(map(document, "channels", channelId, "messages")).as("messages of channel %s", channelId).containsKey(messageId);
            assertThat(map(document, "channels", channelId, "messages", messageId).get("$ref")).isEqualTo("#/components/messages/" + messageId);
            assertThat(message.get("contentType")).isEqualTo("application/cloudevents+json");
            assertThat(map(message, "headers").get("$ref")).isEqualTo("#/components/schemas/cloudEventsKafkaHeaders");
            assertThat((String) map(message, "bindings", "kafka", "key").get("description")).as("key of %s", type).contains(type.keyRule());
            String schema = (String) map(message, "payload", "schema").get("$ref");
            assertThat(schema).as("payload of %s", type).isEqualTo("../contracts/src/main/resources/" + type.schemaResource());
            assertThat(DOCS.resolve(schema)).as("schema file of %s", type).isRegularFile();
            assertThat(EventTypes.class.getClassLoader().getResource(type.schemaResource())).as("schema resource of %s", type).isNotNull();
        }
    }

    @Test
    void everyEventTypeIsSentAndEveryOperationUsesMessagesOfItsChannel() {
        Set<String> sent = new HashSet<>();
        map(document, "operations").forEach((id, ignored) -> {
            Map<String, Object> operation = map(document, "operations", id);
            String channelRef = (String) map(operation, "channel").get("$ref");
            assertThat(channelRef).as("channel of operation %s", id).startsWith("#/channels/");
            String channelId = channelRef.substring("#/channels/".length());
            assertThat(map(document, "channels")).as("channel of operation %s", id).containsKey(channelId);
            for (Object item : (List<?>) operation.get("messages")) {
                String messageRef = (String) ((Map<?, ?>) item).get("$ref");
                String prefix = "#/channels/" + channelId + "/messages/";
                assertThat(messageRef).as("message of operation %s", id).startsWith(prefix);
                String messageId = messageRef.substring(prefix.length());
                assertThat(map(document, "channels", channelId, "messages")).as("messages of channel %s", channelId).containsKey(messageId);
                if ("send".equals(operation.get("action"))) {
                    sent.add((String) map(document, "components", "messages", messageId).get("name"));
                }
            }
        });

        assertThat(sent).containsExactlyInAnyOrderElementsOf(EventTypes.all().stream().map(EventType::type).toList());
    }

    @Test
    void declaresTheStructuredModeHeader() {
        Map<String, Object> headers = map(document, "components", "schemas", "cloudEventsKafkaHeaders");

        assertThat(headers.get("required")).isEqualTo(List.of(CloudEvent.KAFKA_CONTENT_TYPE_HEADER));
        assertThat(map(headers, "properties", CloudEvent.KAFKA_CONTENT_TYPE_HEADER).get("const")).isEqualTo(CloudEvent.STRUCTURED_CONTENT_TYPE);
    }

    private static String messageIdOf(EventType<?> type) {
        return map(document, "components", "messages").keySet().stream()
                .filter(id -> type.type().equals(map(document, "components", "messages", id).get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/asyncapi.yaml has no message named %s".formatted(type.type())));
    }

    private static String channelIdOf(String topic) {
        return map(document, "channels").keySet().stream()
                .filter(id -> topic.equals(map(document, "channels", id).get("address")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/asyncapi.yaml has no channel with address %s".formatted(topic)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> root, String... path) {
        Object node = root;
        List<String> walked = new ArrayList<>();
        for (String key : path) {
            walked.add(key);
            assertThat(node).as("docs/asyncapi.yaml at %s", String.join(".", walked)).isInstanceOf(Map.class);
            node = ((Map<String, Object>) node).get(key);
        }
        assertThat(node).as("docs/asyncapi.yaml at %s", String.join(".", walked)).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
