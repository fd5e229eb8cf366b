package dev.featurestore.monitoring.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.monitoring.domain.ProjectDeletion;
import dev.featurestore.monitoring.domain.freshness.FreshnessTracker;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.runtime.events.IdempotentEventConsumer;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code featurestore.registry-changes} (idempotently on the event id): reads the changed project's
 * definitions as the registry has them now (so events that arrive out of order change nothing: the latest definitions
 * win) and hands them to {@link FreshnessTracker#onRegistry}. A registry that cannot answer fails the event, which is
 * retried every 2 s (an infrastructure failure, see {@link IdempotentEventConsumer}); an event that cannot be handled
 * at all goes to the dead-letter topic after a few quick attempts. A new group starts at the beginning of the topic,
 * so views defined before the first start are known too. A deleted project ({@code project} {@code deleted}) is
 * removed from monitoring ({@link ProjectDeletion}).
 */
@KafkaListener(
        groupId = RegistryChangesListener.GROUP,
        offsetReset = OffsetReset.EARLIEST,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryCount = IdempotentEventConsumer.TRANSIENT_RETRY_COUNT,
                retryDelay = IdempotentEventConsumer.TRANSIENT_RETRY_DELAY))
public class RegistryChangesListener {
    static final String GROUP = "monitoring-service";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryChangesListener.class);

    private final IdempotentEventConsumer consumer;
    private final RegistryClient registry;
    private final FreshnessTracker freshness;
    private final ProjectDeletion deletion;

    public RegistryChangesListener(IdempotentEventConsumer consumer, RegistryClient registry, FreshnessTracker freshness, ProjectDeletion deletion) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.freshness = requireNonNull(freshness, "freshness is null");
        this.deletion = requireNonNull(deletion, "deletion is null");
    }

    @Topic(Topics.REGISTRY_CHANGES)
    void receive(ConsumerRecord<String, String> record) {
        consumer.consume(GROUP, record, event -> {
            if (event.data() instanceof RegistryObjectChanged changed) {
                apply(changed, event.time());
            }
        });
    }

    private void apply(RegistryObjectChanged changed, Instant time) {
        registry.onRegistryChange(changed.project(), changed.registryVersion());
        if (changed.kind() == ObjectKind.PROJECT && changed.action() == ChangeAction.DELETED) {
            deletion.onProjectDeleted(changed.project(), time);
            definedAgain(changed);
            return;
        }
        try {
            freshness.onRegistry(registry.registry(changed.project()));
        } catch (RegistryLookupException e) {
            LOG.warn("Registry change {} {} of project {}: the registry does not know the project ({}); its views are no longer evaluated",
                    changed.kind().wireName(), changed.name(), changed.project(), e.getMessage());
            freshness.onProjectDeleted(changed.project());
        }
    }

    /**
     * The project's events are keyed by object, so a project created again may be heard of before the deletion of the
     * previous one: when the registry has it again, its views are defined from what it has now.
     */
    private void definedAgain(RegistryObjectChanged deleted) {
        try {
            ProjectRegistry current = registry.registry(deleted.project());
            if (current.registryVersion() > deleted.registryVersion()) {
                freshness.onRegistry(current);
            }
        } catch (RegistryLookupException e) {
            LOG.debug("Project {} is not in the registry again: {}", deleted.project(), e.getMessage());
        }
    }
}
