package dev.featurestore.monitoring.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.domain.freshness.FreshnessTracker;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates every view's freshness every {@code featurestore.monitoring.freshness-check-interval}. */
@Singleton
public class FreshnessTicker {
    private static final Logger LOG = LoggerFactory.getLogger(FreshnessTicker.class);

    private final FreshnessTracker freshness;

    public FreshnessTicker(FreshnessTracker freshness) {
        this.freshness = requireNonNull(freshness, "freshness is null");
    }

    @Scheduled(fixedDelay = "${featurestore.monitoring.freshness-check-interval:1m}", initialDelay = "5s")
    void tick() {
        try {
            int transitions = freshness.evaluateAll();
            if (transitions > 0) {
                LOG.debug("Freshness check: {} views changed state", transitions);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check freshness; trying again at the next check: {}", e.getMessage(), e);
        }
    }
}
