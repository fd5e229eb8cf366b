package dev.featurestore.materialization.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.runtime.events.Outbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Writes stream reports to the service's outbox, all of a round in one transaction; the outbox relay publishes them
 * (at least once, under their ids), so a Kafka outage delays them but does not lose them.
 */
@Singleton
public class StreamReportOutbox {
    private final Outbox outbox;

    public StreamReportOutbox(Outbox outbox) {
        this.outbox = requireNonNull(outbox, "outbox is null");
    }

    @Transactional
    public void append(List<? extends CloudEvent<?>> reports) {
        reports.forEach(outbox::append);
    }
}
