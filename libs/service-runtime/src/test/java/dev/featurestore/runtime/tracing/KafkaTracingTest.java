package dev.featurestore.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.testkit.TestStack;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Producers and consumers micronaut-kafka creates are traced: the record carries the W3C trace context. */
@MicronautTest(environments = "runtime-test")
@Property(name = "spec.name", value = "KafkaTracingTest")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaTracingTest implements TestPropertyProvider {
    static final String TOPIC = "runtime.kafka-tracing-test";

    @Inject
    TracedProducer producer;

    @Inject
    TracedListener listener;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", TestStack.shared().kafka().bootstrapServers());
    }

    @Test
    void sendsTheTraceContextInRecordHeaders() {
        producer.send("key-1", "hello");

        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.traceparents.isEmpty());
        assertThat(listener.traceparents.get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Requires(property = "spec.name", value = "KafkaTracingTest")
    @KafkaClient
    interface TracedProducer {
        @Topic(TOPIC)
        void send(@KafkaKey String key, String value);
    }

    @Requires(property = "spec.name", value = "KafkaTracingTest")
    @Singleton
    @KafkaListener(groupId = "runtime-kafka-tracing-test", offsetReset = OffsetReset.EARLIEST)
    static class TracedListener {
        final List<String> traceparents = new CopyOnWriteArrayList<>();

        @Topic(TOPIC)
        void receive(ConsumerRecord<String, String> record) {
            Header header = record.headers().lastHeader("traceparent");
            traceparents.add(header == null ? "none" : new String(header.value(), StandardCharsets.UTF_8));
        }
    }
}
