package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Serving's own Micrometer metrics (HTTP latency per endpoint is Micronaut's {@code http_server_requests_seconds}):
 *
 * <ul>
 *   <li>{@code featurestore_serving_request_entity_rows} and {@code featurestore_serving_request_features}: request
 *       sizes, tagged {@code endpoint};</li>
 *   <li>{@code featurestore_serving_online_store_seconds}: online store calls, tagged {@code operation} (read, write)
 *       and {@code outcome} (success, failure); a call the open circuit breaker refused is not one (see
 *       {@code resilience4j_circuitbreaker_not_permitted_calls_total});</li>
 *   <li>{@code featurestore_serving_feature_values_total}: values answered, tagged {@code project},
 *       {@code feature_view}, {@code feature} and {@code status} (PRESENT, NULL_VALUE, NOT_FOUND, OUTSIDE_MAX_AGE):
 *       the NOT_FOUND, null and OUTSIDE_MAX_AGE rates per feature are ratios of its rates.</li>
 * </ul>
 */
@Singleton
public class ServingMetrics {
    private final MeterRegistry meters;
    private final Map<String, DistributionSummary[]> requestSizes = new ConcurrentHashMap<>();
    private final Map<String, Timer> storeTimers = new ConcurrentHashMap<>();

    public ServingMetrics(MeterRegistry meters) {
        this.meters = requireNonNull(meters, "meters is null");
    }

    public void requestSize(String endpoint, int entityRows, int features) {
        DistributionSummary[] summaries = requestSizes.computeIfAbsent(endpoint, ignored -> new DistributionSummary[] {
                DistributionSummary.builder("featurestore.serving.request.entity.rows").tag("endpoint", endpoint)
                        .description("Entity rows (or pushed rows) per request").register(meters),
                DistributionSummary.builder("featurestore.serving.request.features").tag("endpoint", endpoint)
                        .description("Features per request").register(meters)});
        summaries[0].record(entityRows);
        summaries[1].record(features);
    }

    public void onlineStoreCall(String operation, boolean success, long nanos) {
        String outcome = success ? "success" : "failure";
        storeTimers.computeIfAbsent(operation + '\u0000' + outcome, ignored -> Timer.builder("featurestore.serving.online.store")
                .tag("operation", operation).tag("outcome", outcome).description("Online store calls").publishPercentileHistogram().register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The counters of one feature's answered values, one per {@link FeatureStatus}, by ordinal. */
    public Counter[] featureValueCounters(String project, String view, String feature) {
        FeatureStatus[] statuses = FeatureStatus.values();
        Counter[] counters = new Counter[statuses.length];
        for (FeatureStatus status : statuses) {
            counters[status.ordinal()] = Counter.builder("featurestore.serving.feature.values")
                    .tag("project", project).tag("feature_view", view).tag("feature", feature).tag("status", status.name())
                    .description("Feature values answered, by status").register(meters);
        }
        return counters;
    }
}
