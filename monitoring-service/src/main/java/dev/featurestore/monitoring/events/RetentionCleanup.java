package dev.featurestore.monitoring.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.config.MonitoringProperties;
import dev.featurestore.monitoring.domain.statistics.StatisticsStore;
import dev.featurestore.monitoring.domain.webhook.WebhookStore;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly: deletes runs' statistics older than {@code statistics-retention} (each view's baseline and latest run stay),
 * and webhook deliveries delivered or failed longer ago than {@code webhook-delivery-retention}.
 */
@Singleton
public class RetentionCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionCleanup.class);

    private final StatisticsStore store;
    private final WebhookStore webhooks;
    private final MonitoringProperties properties;
    private final Clock clock;

    public RetentionCleanup(StatisticsStore store, WebhookStore webhooks, MonitoringProperties properties, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void clean() {
        try {
            int deleted = store.deleteOlderThan(clock.instant().minus(properties.statisticsRetention()));
            if (deleted > 0) {
                LOG.info("Deleted the statistics of {} runs older than {}", deleted, properties.statisticsRetention());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete old statistics; trying again in an hour: {}", e.getMessage(), e);
        }
        try {
            int deleted = webhooks.deleteFinishedBefore(properties.webhookDeliveryRetention());
            if (deleted > 0) {
                LOG.info("Deleted {} webhook deliveries finished more than {} ago", deleted, properties.webhookDeliveryRetention());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete old webhook deliveries; trying again in an hour: {}", e.getMessage(), e);
        }
    }
}
