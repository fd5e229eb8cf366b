package dev.featurestore.bench;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code featurestore.registry-changes} from its end on a thread of its own and remembers
 * when ({@link System#nanoTime()}) the first {@code registry.object.changed} event of each
 * registry version of one project became readable.
 */
final class ChangeEventWatcher implements AutoCloseable {
    private final String project;
    private final KafkaConsumer<String, String> consumer;
    private final Map<Long, Long> seenAt = new ConcurrentHashMap<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    ChangeEventWatcher(String bootstrapServers, String project) {
        this.project = requireNonNull(project, "project is null");
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrapServers, "bootstrapServers is null"));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.thread = new Thread(this::run, "bench-change-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Waits until the consumer has its partitions and knows its starting position. */
    boolean awaitAssigned(Duration bound) throws InterruptedException {
        return assigned.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the first event of {@code registryVersion} was read, if it was. */
    Optional<Long> seenAt(long registryVersion) {
        return Optional.ofNullable(seenAt.get(registryVersion));
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.REGISTRY_CHANGES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        partitions.forEach(consumer::position);
                        assigned.countDown();
                    }
                }
            });
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (record.value() == null) {
                        continue;
                    }
                    CloudEvent<?> event = CloudEvents.fromJson(record.value());
                    if (event.data() instanceof RegistryObjectChanged changed && changed.project().equals(project)) {
                        seenAt.putIfAbsent(changed.registryVersion(), now);
                    }
                }
            }
        }
        catch (WakeupException e) {
            // closing
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
