package dev.featurestore.materialization.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.materialization.domain.Triggers;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks the schedule every {@code featurestore.materialization.schedule-check-interval}. */
@Singleton
public class ScheduleTicker {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

    private final Triggers triggers;

    public ScheduleTicker(Triggers triggers) {
        this.triggers = requireNonNull(triggers, "triggers is null");
    }

    @Scheduled(fixedDelay = "${featurestore.materialization.schedule-check-interval:1m}", initialDelay = "${featurestore.materialization.schedule-check-interval:1m}")
    void tick() {
        try {
            triggers.queueDueScheduledRuns();
        } catch (RuntimeException e) {
            LOG.warn("Could not check the materialization schedule; trying again at the next check: {}", e.getMessage(), e);
        }
    }
}
