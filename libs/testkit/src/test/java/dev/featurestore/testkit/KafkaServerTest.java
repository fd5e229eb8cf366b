package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaServerTest {

    @Test
    void deliversProducedRecordsToAConsumerGroupOnAnAutoCreatedTopic() throws Exception {
        String bootstrapServers = TestStack.shared().kafka().bootstrapServers();
        String topic = "round-trip-" + UUID.randomUUID();

        KafkaTestClients.produce(bootstrapServers, topic, Map.of("driver-1", "0.5", "driver-2", "0.7"));

        assertThat(KafkaTestClients.consume(bootstrapServers, topic, 2))
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("0.5", "0.7");
    }

    /** Plain kafka-clients helpers shared by the Kafka tests. */
    static final class KafkaTestClients {
        private KafkaTestClients() {
        }

        static void produce(String bootstrapServers, String topic, Map<String, String> records) throws Exception {
            Map<String, Object> configuration = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(configuration, new StringSerializer(), new StringSerializer())) {
                for (Map.Entry<String, String> record : records.entrySet()) {
                    producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
                }
            }
        }

        static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, int expected) {
            Map<String, Object> configuration = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(configuration, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < expected && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                }
            }
            return received;
        }
    }
}
