package dev.featurestore.monitoring.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.monitoring.*}, checked at start-up.
 *
 * @param freshnessCheckInterval how often every evaluated view's freshness is compared with its freshness_sla (it is
 *     also evaluated on each of its materialization and registry events)
 * @param webhookTimeout how long one webhook request may take (connect and answer)
 * @param webhookMaxAttempts requests made for one delivery before it fails
 * @param webhookInitialBackoff the wait after a delivery's first failed attempt; it doubles after each one
 * @param webhookMaxBackoff the longest wait between two attempts of a delivery
 * @param webhookPollInterval how often this instance looks for webhook deliveries that are due
 * @param driftThreshold the population stability index above which a feature counts as drifted ({@code drift.detected})
 * @param driftBins bins numeric values are cut into for the index (at the reference run's quantiles)
 * @param driftMinValues non-null values a feature needs in both runs to be compared (the index of a few values is noise)
 * @param statisticsRetention how long runs' statistics are kept (each view's baseline and latest run are kept anyway)
 * @param webhookDeliveryRetention how long delivered and failed webhook deliveries stay in the delivery log
 */
@Context
@ConfigurationProperties("featurestore.monitoring")
public record MonitoringProperties(
        @Bindable(defaultValue = "1m") Duration freshnessCheckInterval,
        @Bindable(defaultValue = "10s") Duration webhookTimeout,
        @Bindable(defaultValue = "10") int webhookMaxAttempts,
        @Bindable(defaultValue = "1s") Duration webhookInitialBackoff,
        @Bindable(defaultValue = "5m") Duration webhookMaxBackoff,
        @Bindable(defaultValue = "1s") Duration webhookPollInterval,
        @Bindable(defaultValue = "0.2") double driftThreshold,
        @Bindable(defaultValue = "10") int driftBins,
        @Bindable(defaultValue = "100") int driftMinValues,
        @Bindable(defaultValue = "90d") Duration statisticsRetention,
        @Bindable(defaultValue = "30d") Duration webhookDeliveryRetention) {

    public MonitoringProperties {
        ConfigurationChecks.requirePositive(freshnessCheckInterval, "featurestore.monitoring.freshness-check-interval");
        ConfigurationChecks.requirePositive(webhookTimeout, "featurestore.monitoring.webhook-timeout");
        ConfigurationChecks.requirePositive(webhookMaxAttempts, "featurestore.monitoring.webhook-max-attempts");
        ConfigurationChecks.requirePositive(webhookInitialBackoff, "featurestore.monitoring.webhook-initial-backoff");
        ConfigurationChecks.requirePositive(webhookMaxBackoff, "featurestore.monitoring.webhook-max-backoff");
        ConfigurationChecks.requirePositive(webhookPollInterval, "featurestore.monitoring.webhook-poll-interval");
        if (!(driftThreshold > 0)) {
            throw new IllegalArgumentException("featurestore.monitoring.drift-threshold must be positive, got '%s'".formatted(driftThreshold));
        }
        if (driftBins < 2 || driftBins > 100) {
            throw new IllegalArgumentException("featurestore.monitoring.drift-bins must be from 2 to 100, got '%d'".formatted(driftBins));
        }
        ConfigurationChecks.requirePositive(driftMinValues, "featurestore.monitoring.drift-min-values");
        ConfigurationChecks.requirePositive(statisticsRetention, "featurestore.monitoring.statistics-retention");
        ConfigurationChecks.requirePositive(webhookDeliveryRetention, "featurestore.monitoring.webhook-delivery-retention");
        if (webhookMaxBackoff.compareTo(webhookInitialBackoff) < 0) {
            throw new IllegalArgumentException("featurestore.monitoring.webhook-max-backoff (%s) is shorter than webhook-initial-backoff (%s)"
                    .formatted(webhookMaxBackoff, webhookInitialBackoff));
        }
    }
}
