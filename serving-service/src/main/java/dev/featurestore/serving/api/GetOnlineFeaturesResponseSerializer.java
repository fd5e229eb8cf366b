package dev.featurestore.serving.api;

import dev.featurestore.serving.domain.FeatureStatus;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@link GetOnlineFeaturesResponse} straight to the encoder, the JSON the generated serializer writes, for a
 * fraction of its cost (it is the largest part of a request's time with 50 features and more): scalar values
 * (numbers, strings, booleans) are written by their type without looking up a serializer per value, and an event
 * timestamp is formatted once per run of equal timestamps (every feature of a view shares its record's), as
 * {@link Instant#toString()} (RFC 3339, UTC). Other values (lists, bytes, timestamps) go through the serializer the
 * context finds for their type, as before.
 */
@Singleton
public class GetOnlineFeaturesResponseSerializer implements Serializer<GetOnlineFeaturesResponse> {
    private static final String EPOCH = Instant.EPOCH.toString();

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends GetOnlineFeaturesResponse> type, GetOnlineFeaturesResponse response)
            throws IOException {
        Encoder root = encoder.encodeObject(type);
        root.encodeKey("metadata");
        Encoder metadata = root.encodeObject(Argument.OBJECT_ARGUMENT);
        metadata.encodeKey("feature_names");
        Encoder names = metadata.encodeArray(Argument.listOf(String.class));
        for (String name : response.metadata().featureNames()) {
            names.encodeString(name);
        }
        names.finishStructure();
        metadata.finishStructure();
        root.encodeKey("results");
        Encoder results = root.encodeArray(Argument.listOf(GetOnlineFeaturesResponse.Result.class));
        Instant lastTimestamp = null;
        String lastText = null;
        for (GetOnlineFeaturesResponse.Result result : response.results()) {
            Encoder column = results.encodeObject(Argument.of(GetOnlineFeaturesResponse.Result.class));
            column.encodeKey("values");
            Encoder values = column.encodeArray(Argument.listOf(Object.class));
            for (Object value : result.values()) {
                encodeValue(values, context, value);
            }
            values.finishStructure();
            column.encodeKey("statuses");
            Encoder statuses = column.encodeArray(Argument.listOf(FeatureStatus.class));
            for (FeatureStatus status : result.statuses()) {
                statuses.encodeString(status.name());
            }
            statuses.finishStructure();
            column.encodeKey("event_timestamps");
            Encoder timestamps = column.encodeArray(Argument.listOf(Instant.class));
            for (Instant timestamp : result.eventTimestamps()) {
                if (timestamp == null) {
                    timestamps.encodeNull();
                    continue;
                }
                if (!timestamp.equals(lastTimestamp)) {
                    lastTimestamp = timestamp;
                    lastText = timestamp.equals(Instant.EPOCH) ? EPOCH : timestamp.toString();
                }
                timestamps.encodeString(lastText);
            }
            timestamps.finishStructure();
            column.finishStructure();
        }
        results.finishStructure();
        root.finishStructure();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void encodeValue(Encoder encoder, EncoderContext context, Object value) throws IOException {
        if (value == null) {
            encoder.encodeNull();
        } else if (value instanceof Double number) {
            encoder.encodeDouble(number);
        } else if (value instanceof Long number) {
            encoder.encodeLong(number);
        } else if (value instanceof Integer number) {
            encoder.encodeInt(number);
        } else if (value instanceof Float number) {
            encoder.encodeFloat(number);
        } else if (value instanceof String text) {
            encoder.encodeString(text);
        } else if (value instanceof Boolean flag) {
            encoder.encodeBoolean(flag);
        } else {
            Argument argument = Argument.of(value.getClass());
            Serializer serializer = context.findSerializer(argument).createSpecific(context, argument);
            serializer.serialize(encoder, context, argument, value);
        }
    }
}
