package dev.featurestore.contracts.events;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the {@link EventTypes} catalogue: what an event type is called, where it is
 * published, what its {@code data} is, where its JSON Schema lives and how its Kafka key is made.
 *
 * @param type the CloudEvents {@code type}, such as {@code registry.object.changed}
 * @param topic the Kafka topic it is published on (one of {@link Topics})
 * @param dataClass the record {@code data} binds to
 * @param keyRule the key rule as documented, such as {@code project/kind/name}
 * @param keyFunction makes the Kafka key (and the event's {@code subject}) from the data
 * @param <T> the data type
 */
public record EventType<T>(String type, String topic, Class<T> dataClass, String keyRule, Function<? super T, String> keyFunction) {
    private static final String SCHEMA_DIRECTORY = "schemas/events/";

    public EventType {
        requireNonNull(type, "type is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(dataClass, "dataClass is null");
        requireNonNull(keyRule, "keyRule is null");
        requireNonNull(keyFunction, "keyFunction is null");
    }

    /**
     * The class path resource of this type's JSON Schema (draft 2020-12, the whole envelope).
     *
     * @return {@code schemas/events/<type>.json}
     */
    public String schemaResource() {
        return SCHEMA_DIRECTORY + type + ".json";
    }

    public String kafkaKey(T data) {
        return keyFunction.apply(requireNonNull(data, "data is null"));
    }

    @Override
    public String toString() {
        return type;
    }
}
