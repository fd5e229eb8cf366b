package dev.featurestore.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static dev.featurestore.contracts.testing.TestingJson.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type of the catalogue: a sample serializes to JSON its schema accepts, and broken
 * samples are rejected (so the schema actually constrains something).
 */
class EventSchemasTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    static List<EventType<?>> eventTypes() {
        return EventTypes.all();
    }

    private static JsonSchema schema(EventType<?> type) {
        try (InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema resource %s", type.schemaResource()).isNotNull();
            return FACTORY.getSchema(in, CONFIG);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> violations(EventType<?> type, JsonNode event) {
        return schema(type).validate(event).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonNode sampleJson(EventType<?> type) {
        return tree(CloudEvents.toJson(EventSamples.event(type)));
    }

    @Test
    void everyCatalogueEntryHasASampleAndNoSampleIsLeftOver() {
        assertThat(EventSamples.DATA.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all().stream().map(EventType::type).toList());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void sampleEventSatisfiesItsSchema(EventType<?> type) {
        assertThat(violations(type, sampleJson(type))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void sampleEventWithoutOptionalAttributesSatisfiesItsSchema(EventType<?> type) {
        ObjectNode event = (ObjectNode) sampleJson(type);
        event.remove("traceparent");

        assertThat(violations(type, event)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaNamesItsEventType(EventType<?> type) {
        JsonNode schemaJson = schema(type).getSchemaNode();

        assertThat(schemaJson.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schemaJson.path("properties").path("type").path("const").asText()).isEqualTo(type.type());
        assertThat(schemaJson.path("properties").path("data").path("additionalProperties").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRejectsBrokenSamples(EventType<?> type) {
        assertRejected(type, event -> ((ObjectNode) event.get("data")).remove("project"));
        assertRejected(type, event -> ((ObjectNode) event.get("data")).put("unexpected", 1));
        assertRejected(type, event -> ((ObjectNode) event.get("data")).put("project", "Not A Name"));
        assertRejected(type, event -> ((ObjectNode) event).remove("id"));
        assertRejected(type, event -> ((ObjectNode) event).put("type", "something.else"));
        assertRejected(type, event -> ((ObjectNode) event).put("specversion", "0.3"));
        assertRejected(type, event -> ((ObjectNode) event).put("time", "2026-11-21T10:00:00+02:00"));
        assertRejected(type, event -> ((ObjectNode) event).put("time", 1_700_000_000_000L));
        assertRejected(type, event -> ((ObjectNode) event).put("traceparent", "not-a-trace"));
        assertRejected(type, event -> ((ObjectNode) event).put("partitionkey", "x"));
    }

    private static void assertRejected(EventType<?> type, Consumer<JsonNode> breakage) {
        JsonNode event = sampleJson(type);
        breakage.accept(event);

        assertThat(violations(type, event)).as("violations of %s", event).isNotEmpty();
    }

    @Test
    void brokenDataOfEachKnownTypeIsRejected() {
        JsonNode changed = sampleJson(EventTypes.REGISTRY_OBJECT_CHANGED);
        ((ObjectNode) changed.get("data")).put("kind", "model");
        assertThat(violations(EventTypes.REGISTRY_OBJECT_CHANGED, changed)).isNotEmpty();

        JsonNode landed = sampleJson(EventTypes.DATA_LANDED);
        ((ObjectNode) landed.get("data")).putArray("uris");
        assertThat(violations(EventTypes.DATA_LANDED, landed)).isNotEmpty();

        JsonNode completed = sampleJson(EventTypes.MATERIALIZATION_COMPLETED);
        ((ObjectNode) completed.get("data").get("statistics").get("conv_rate")).put("null_count", -1);
        assertThat(violations(EventTypes.MATERIALIZATION_COMPLETED, completed)).isNotEmpty();
        JsonNode skew = sampleJson(EventTypes.MATERIALIZATION_COMPLETED);
        ((ObjectNode) skew.get("data").get("skew_check")).put("state", "unknown");
        assertThat(violations(EventTypes.MATERIALIZATION_COMPLETED, skew)).isNotEmpty();

        JsonNode failed = sampleJson(EventTypes.MATERIALIZATION_FAILED);
        ((ObjectNode) failed.get("data")).put("trigger", "cron");
        assertThat(violations(EventTypes.MATERIALIZATION_FAILED, failed)).isNotEmpty();

        JsonNode violated = sampleJson(EventTypes.FRESHNESS_VIOLATED);
        ((ObjectNode) violated.get("data")).put("reason", "late");
        assertThat(violations(EventTypes.FRESHNESS_VIOLATED, violated)).isNotEmpty();

        JsonNode recovered = sampleJson(EventTypes.FRESHNESS_RECOVERED);
        ((ObjectNode) recovered.get("data")).remove("violated_since");
        assertThat(violations(EventTypes.FRESHNESS_RECOVERED, recovered)).isNotEmpty();

        JsonNode deadLettered = sampleJson(EventTypes.EVENT_DEAD_LETTERED);
        ((ObjectNode) deadLettered.get("data")).put("attempts", 0);
        assertThat(violations(EventTypes.EVENT_DEAD_LETTERED, deadLettered)).isNotEmpty();

        JsonNode drift = sampleJson(EventTypes.DRIFT_DETECTED);
        ((ObjectNode) drift.get("data")).putArray("features");
        assertThat(violations(EventTypes.DRIFT_DETECTED, drift)).isNotEmpty();
    }
}
