package dev.featurestore.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.featurestore.contracts.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks an event a service produced against its JSON Schema in {@code contracts} (docs/events.md: every produced event is). */
public final class EventSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private EventSchemas() {
    }

    public static void assertValid(EventType<?> type, String eventJson) {
        JsonSchema schema;
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema resource %s", type.schemaResource()).isNotNull();
            schema = FACTORY.getSchema(in, CONFIG);
            Set<String> violations = schema.validate(new ObjectMapper().readTree(eventJson)).stream()
                    .map(ValidationMessage::getMessage).collect(Collectors.toSet());
            assertThat(violations).as("violations of %s by %s", type.schemaResource(), eventJson).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
