package dev.featurestore.monitoring.domain.freshness;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code featurestore_feature_freshness_seconds{project, feature_view}}: now minus the greatest event timestamp
 * materialized, per online view of the registry with something materialized (the name Feast users already chart). The
 * value is computed when scraped, from what the last evaluation of the view saw.
 */
@Singleton
public class FreshnessGauges {
    static final String METRIC = "featurestore.feature.freshness";

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<FreshnessStore.ViewKey, Registered> gauges = new ConcurrentHashMap<>();

    public FreshnessGauges(MeterRegistry meters, Clock clock) {
        this.meters = requireNonNull(meters, "meters is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Follows what is known of the view: gauged while it is a defined online view with something materialized. */
    public void update(ViewFreshness view) {
        FreshnessStore.ViewKey key = new FreshnessStore.ViewKey(view.project(), view.featureView());
        if (!view.defined() || !view.online() || view.maxEventTimestamp() == null) {
            Registered removed = gauges.remove(key);
            if (removed != null) {
                meters.remove(removed.gauge());
            }
            return;
        }
        gauges.compute(key, (ignored, registered) -> {
            if (registered == null) {
                Holder holder = new Holder(view.maxEventTimestamp());
                Gauge gauge = Gauge.builder(METRIC, holder, this::staleness)
                        .description("Now minus the greatest event timestamp materialized, per feature view")
                        .baseUnit("seconds")
                        .tag("project", view.project())
                        .tag("feature_view", view.featureView())
                        .register(meters);
                return new Registered(holder, gauge);
            }
            registered.holder().maxEventTimestamp = view.maxEventTimestamp();
            return registered;
        });
    }

    private double staleness(Holder holder) {
        return Duration.between(holder.maxEventTimestamp, clock.instant()).toMillis() / 1000.0;
    }

    private static final class Holder {
        private volatile Instant maxEventTimestamp;

        private Holder(Instant maxEventTimestamp) {
            this.maxEventTimestamp = maxEventTimestamp;
        }
    }

    private record Registered(Holder holder, Gauge gauge) {
    }
}
