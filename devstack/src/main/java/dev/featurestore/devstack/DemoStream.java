package dev.featurestore.devstack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurestore.contracts.repository.FeatureRepository;
import dev.featurestore.examples.DemoData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example's stream, live: every interval, a status event of the watched driver ({@value #WATCHED_DRIVER}, the
 * one the summary's curl reads) and of a random handful of other drivers of the demo data goes to the topic of the
 * example's kafka source {@value #SOURCE}, with {@code event_timestamp} now. materialization-service ingests the
 * topic: it writes the events online (feature view {@code driver_status}) and appends them as Parquet under the
 * source's batch source ({@code s3://featurestore/examples/driver_status/}). Runs on a daemon thread until closed; a
 * failed send is logged once per outage (and once when sending works again), never thrown.
 */
final class DemoStream implements AutoCloseable {
    static final String SOURCE = "driver_status_stream";
    static final long WATCHED_DRIVER = DemoData.FIRST_DRIVER_ID;
    private static final int OTHER_DRIVERS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(DemoStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final Duration interval;
    private final int drivers;
    private final int zones;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService executor;
    private final Random random = new Random();
    private final AtomicLong failedRounds = new AtomicLong();
    private boolean failing;

    private DemoStream(String bootstrapServers, String topic, Duration interval) {
        this.topic = requireNonNull(topic, "topic is null");
        this.interval = requireNonNull(interval, "interval is null");
        DemoData.Settings demo = DemoData.Settings.defaults(Instant.now());
        this.drivers = demo.drivers();
        this.zones = demo.zones();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrapServers, "bootstrapServers is null"));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "devstack-demo-stream");
        // A tick waits for its sends: bound the wait, so an outage shows up within a few seconds.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "devstack-demo-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts producing every {@code interval} to {@code topic}. */
    static DemoStream start(String bootstrapServers, String topic, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        DemoStream stream = new DemoStream(bootstrapServers, topic, interval);
        stream.executor.scheduleWithFixedDelay(stream::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return stream;
    }

    /** The topic of the kafka source {@value #SOURCE} of the repository, if it declares that source. */
    static Optional<String> topicOf(Path repository) {
        try {
            for (JsonNode source : JSON.readTree(FeatureRepository.load(repository).json()).path("data_sources")) {
                if (source.path("name").asText().equals(SOURCE) && source.path("type").asText().equals("kafka")) {
                    return Optional.of(source.path("topic").asText());
                }
            }
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the repository " + repository, e);
        }
    }

    String topic() {
        return topic;
    }

    Duration interval() {
        return interval;
    }

    /** Rounds whose events could not all be sent. */
    long failedRounds() {
        return failedRounds.get();
    }

    /** One round: the watched driver and a few others, each with a status of now. */
    private void tick() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Set<Long> chosen = new LinkedHashSet<>();
        chosen.add(WATCHED_DRIVER);
        while (chosen.size() < 1 + OTHER_DRIVERS) {
            chosen.add(DemoData.FIRST_DRIVER_ID + random.nextInt(drivers));
        }
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (long driver : chosen) {
                sent.add(producer.send(new ProducerRecord<>(topic, Long.toString(driver), status(driver, now))));
            }
            for (Future<RecordMetadata> send : sent) {
                send.get();
            }
            if (failing) {
                failing = false;
                LOG.info("Demo stream: sending to {} again", topic);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | RuntimeException e) {
            failedRounds.incrementAndGet();
            if (!failing) {
                failing = true;
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.warn("Demo stream: cannot send to {} ({}); trying again every {} ms, quietly until it works", topic, cause.toString(),
                        interval.toMillis());
            }
        }
    }

    /** A record as stream ingestion reads it: the join key, the event timestamp (RFC 3339) and the features by name. */
    private String status(long driver, Instant now) {
        ObjectNode status = JSON.createObjectNode();
        status.put("driver_id", driver);
        status.put("event_timestamp", now.toString());
        status.put("on_shift", true);
        status.put("zone", 1 + random.nextInt(zones));
        status.put("idle_minutes", Math.round(-Math.log(1 - random.nextDouble()) * 80) / 10.0);
        return status.toString();
    }

    /** Stops producing; waits a little for a round in progress. Safe to call more than once. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }
}
