package dev.featurestore.registryclient.micronaut;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.registryclient.RegistryClient;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every {@code registry.object.changed} event to {@link RegistryClient#onRegistryChange}.
 *
 * <p>Every instance of every service must see every event, so each listener is a consumer group
 * of its own: {@code <micronaut.application.name>-registry-client} plus a random suffix
 * ({@code uniqueGroupId}), deleted on shutdown. It starts at the end of the topic
 * ({@code latest}) and commits no offsets: a client starts with an empty cache and fetches each
 * project on first use, so older events carry nothing it needs; an event missed while the
 * consumer joins is covered by the lookup-miss re-fetch and the poll.
 *
 * <p>Handling is idempotent by {@code registry_version} (an event for a version already cached is
 * ignored), so redeliveries need no event-id bookkeeping. A record that is not a readable event is
 * logged and skipped, never retried.
 */
@KafkaListener(
        groupId = "${micronaut.application.name:featurestore}-registry-client",
        uniqueGroupId = true,
        uniqueGroupIdDeleteOnShutdown = true,
        offsetReset = OffsetReset.LATEST,
        offsetStrategy = OffsetStrategy.DISABLED,
        errorStrategy = @ErrorStrategy(ErrorStrategyValue.NONE))
@Requires(property = RegistryClientProperties.ENABLED, value = "true")
@Requires(beans = RegistryClient.class)
public class RegistryChangesListener {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryChangesListener.class);

    private final RegistryClient client;

    public RegistryChangesListener(RegistryClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    @Topic(Topics.REGISTRY_CHANGES)
    void receive(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        CloudEvent<?> event;
        try {
            event = CloudEvents.fromJson(record.value());
        }
        catch (IllegalArgumentException e) {
            LOG.warn("Skipped record {}-{}@{} of {}: {}", record.topic(), record.partition(), record.offset(), Topics.REGISTRY_CHANGES,
                    e.getMessage());
            return;
        }
        if (event.data() instanceof RegistryObjectChanged changed) {
            client.onRegistryChange(changed.project(), changed.registryVersion());
        }
    }
}
