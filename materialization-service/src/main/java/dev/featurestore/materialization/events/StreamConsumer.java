package dev.featurestore.materialization.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.IngestionRejected;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.materialization.config.MaterializationProperties;
import dev.featurestore.materialization.domain.stream.StreamIngestion;
import dev.featurestore.materialization.domain.stream.StreamReports;
import dev.featurestore.materialization.domain.stream.StreamSources;
import dev.featurestore.runtime.events.CloudEventSender;
import dev.featurestore.runtime.work.DaemonThreads;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics of every kafka source (consumer group {@code materialization-service-streams}, shared by all
 * instances, which split the partitions) and hands each polled batch to {@link StreamIngestion}. Rejected records go
 * to {@code featurestore.ingestion-dlq} as {@code ingestion.rejected} events. The batch's offsets are committed only
 * once its rows are written online and offline and its rejects are published; when anything fails, the consumer
 * goes back to the batch's first offsets and reads it again after a pause. The topics are re-read from the
 * registry's kafka sources every {@code stream-refresh-interval}. Every {@code stream-report-interval}, what was
 * written of each view is published as a {@code materialization.completed} with trigger {@code stream}
 * ({@link StreamReports}) through the service's outbox ({@link StreamReportOutbox}), so Kafka being down delays
 * reports but does not lose them; reports the outbox could not take (the database is down) are kept, with their ids,
 * and appended again before newer ones. A report not yet in the outbox when the instance stops is lost (the rows it
 * counts are not: they were written and committed), and a batch read again after a failure is counted again.
 */
@Context
@Requires(property = "featurestore.materialization.stream-enabled", notEquals = "false")
public class StreamConsumer {
    static final String GROUP = "materialization-service-streams";
    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final String SOURCE = "/featurestore/materialization-service";

    private final StreamSources sources;
    private final StreamIngestion ingestion;
    private final CloudEventSender events;
    private final StreamReportOutbox reportOutbox;
    private final MaterializationProperties properties;
    private final KafkaConsumer<String, String> consumer;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread thread;
    private final StreamReports reports;
    private final Deque<CloudEvent<MaterializationCompleted>> unsent = new ArrayDeque<>();
    private Map<String, List<StreamSources.StreamSource>> byTopic = Map.of();
    private long refreshedAt = Long.MIN_VALUE;

    public StreamConsumer(StreamSources sources, StreamIngestion ingestion, CloudEventSender events, StreamReportOutbox reportOutbox,
            MaterializationProperties properties, @Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        this.sources = requireNonNull(sources, "sources is null");
        this.ingestion = requireNonNull(ingestion, "ingestion is null");
        this.events = requireNonNull(events, "events is null");
        this.reportOutbox = requireNonNull(reportOutbox, "reportOutbox is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.reports = new StreamReports(properties.streamReportInterval());
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(properties.streamMaxPollRecords()));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.thread = DaemonThreads.named("materialization-stream").newThread(this::loop);
        thread.start();
    }

    private void loop() {
        try {
            consume();
        } finally {
            // a stopping instance reports what it wrote (best effort: stop() waits for this thread a while)
            reports.closeAll(Instant.now()).forEach(report -> unsent.add(CloudEvents.create(EventTypes.MATERIALIZATION_COMPLETED, SOURCE, report)));
            report();
        }
    }

    private void consume() {
        while (!stopped.get()) {
            try {
                refreshSubscription();
                // also when the last kafka source is gone: what was written of it is still reported
                report();
                if (byTopic.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
                    continue;
                }
                ConsumerRecords<String, String> polled = consumer.poll(POLL);
                if (!polled.isEmpty()) {
                    handle(polled);
                }
            } catch (WakeupException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Stream ingestion round failed; trying again: {}", e.getMessage(), e);
                pause();
            }
        }
    }

    private void refreshSubscription() {
        long now = System.nanoTime();
        if (refreshedAt != Long.MIN_VALUE && now - refreshedAt < properties.streamRefreshInterval().toNanos()) {
            return;
        }
        refreshedAt = now;
        Map<String, List<StreamSources.StreamSource>> current = sources.all().stream()
                .collect(Collectors.groupingBy(StreamSources.StreamSource::topic, LinkedHashMap::new, Collectors.toList()));
        if (!current.keySet().equals(byTopic.keySet())) {
            if (current.isEmpty()) {
                consumer.unsubscribe();
            } else {
                consumer.subscribe(new TreeSet<>(current.keySet()));
            }
            LOG.info("Stream ingestion reads topics {}", new TreeSet<>(current.keySet()));
        }
        byTopic = current;
    }

    private void handle(ConsumerRecords<String, String> polled) {
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<String, List<StreamIngestion.StreamRecord>> records = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : polled) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            records.computeIfAbsent(record.topic(), topic -> new ArrayList<>())
                    .add(new StreamIngestion.StreamRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
        }
        Map<String, List<StreamIngestion.ViewBatch>> written = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<StreamIngestion.StreamRecord>> topic : records.entrySet()) {
                for (StreamSources.StreamSource source : byTopic.getOrDefault(topic.getKey(), List.of())) {
                    StreamIngestion.Outcome outcome = ingestion.ingest(source, topic.getValue());
                    written.computeIfAbsent(source.project(), project -> new ArrayList<>()).addAll(outcome.views());
                    for (IngestionRejected rejected : outcome.rejected()) {
                        CloudEvent<IngestionRejected> event = CloudEvents.create(EventTypes.INGESTION_REJECTED, SOURCE, rejected);
                        events.send(EventTypes.INGESTION_REJECTED.topic(), event.subject(), CloudEvents.toJson(event));
                    }
                    LOG.debug("Ingested {} records of {} for {}/{}: {} written, {} unchanged, {} rejected", outcome.accepted(), topic.getKey(),
                            source.project(), source.source(), outcome.written(), outcome.unchanged(), outcome.rejected().size());
                    if (!outcome.rejected().isEmpty()) {
                        LOG.warn("{} records of {} rejected for {}/{} (sent to {}), first: {}", outcome.rejected().size(), topic.getKey(), source.project(),
                                source.source(), EventTypes.INGESTION_REJECTED.topic(), outcome.rejected().get(0).reason());
                    }
                }
            }
            consumer.commitSync(next);
            Instant now = Instant.now();
            written.forEach((project, batches) -> reports.add(project, batches, now));
        } catch (RuntimeException e) {
            LOG.warn("Stream batch of {} records could not be ingested; reading it again: {}", polled.count(), e.getMessage());
            first.forEach((partition, offset) -> consumer.seek(partition, offset));
            pause();
        }
    }

    /** Appends the reports that are due to the outbox, oldest first; when it cannot take them they wait for the next round. */
    private void report() {
        reports.due(Instant.now()).forEach(report -> unsent.add(CloudEvents.create(EventTypes.MATERIALIZATION_COMPLETED, SOURCE, report)));
        if (unsent.isEmpty()) {
            return;
        }
        List<CloudEvent<MaterializationCompleted>> due = List.copyOf(unsent);
        try {
            reportOutbox.append(due);
        } catch (RuntimeException e) {
            LOG.warn("{} stream report(s) could not be written to the outbox; trying again: {}", due.size(), e.getMessage());
            return;
        }
        unsent.clear();
        due.forEach(event -> LOG.debug("Stream report of {}: {} rows up to {}", event.subject(), event.data().rowsRead(), event.data().maxEventTimestamp()));
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
        }
    }

    /** The topics being read, for tests and operators. */
    public Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopped.set(true);
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
        consumer.close(Duration.ofSeconds(5));
    }
}
