package dev.featurestore.runtime.tracing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import jakarta.inject.Singleton;

/**
 * OpenTelemetry for Kafka clients. {@code micronaut-tracing-opentelemetry-kafka} is in the Micronaut
 * BOM but not published for tracing 7.2.0, so the OpenTelemetry kafka-clients instrumentation is
 * wired by hand: every producer and consumer micronaut-kafka creates is wrapped
 * ({@link TracingProducerListener}, {@link TracingConsumerListener}), which propagates the trace
 * context in record headers.
 */
@Factory
@Requires(beans = OpenTelemetry.class)
@Requires(classes = KafkaTelemetry.class)
public class KafkaTracingFactory {

    @Singleton
    KafkaTelemetry kafkaTelemetry(OpenTelemetry openTelemetry) {
        return KafkaTelemetry.create(openTelemetry);
    }
}
