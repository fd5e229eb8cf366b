package dev.featurestore.contracts.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The statistics of one feature's values in a materialization run (in {@code materialization.completed}).
 * Numeric features (integers, floats, timestamps as epoch milliseconds, booleans as 0/1) carry min, max, mean,
 * standard deviation, quantiles and the Apache DataSketches KLL sketch they come from; strings carry their most
 * frequent items; other types only the counts.
 *
 * @param dtype the feature's declared type
 * @param count values, nulls included
 * @param nullCount null values
 * @param min the smallest non-null value
 * @param max the greatest non-null value
 * @param mean the mean of the non-null values
 * @param stddev their population standard deviation
 * @param quantiles estimated values at fixed ranks (0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)
 * @param kllSketch the KLL doubles sketch of the non-null values, serialized (compact form) in base64: a consumer
 *     rebuilds the distribution from it (e.g. the population stability index against another run)
 * @param frequentItems string values seen most often, most frequent first, with their estimated counts
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureStatistics(
        String dtype,
        long count,
        @JsonProperty("null_count") long nullCount,
        @Nullable Double min,
        @Nullable Double max,
        @Nullable Double mean,
        @Nullable Double stddev,
        @Nullable List<Quantile> quantiles,
        @JsonProperty("kll_sketch") @Nullable String kllSketch,
        @JsonProperty("frequent_items") @Nullable List<FrequentItem> frequentItems) {
    public FeatureStatistics {
        requireNonNull(dtype, "dtype is null");
        if (nullCount < 0 || count < nullCount) {
            throw new IllegalArgumentException("count %d and null count %d do not fit".formatted(count, nullCount));
        }
        quantiles = quantiles == null ? null : List.copyOf(quantiles);
        frequentItems = frequentItems == null ? null : List.copyOf(frequentItems);
    }

    /** An estimated value at a normalized rank. */
    @Serdeable
    public record Quantile(double rank, double value) {
    }

    /** A string value and how often it was seen (an estimate, exact when few distinct values were seen). */
    @Serdeable
    public record FrequentItem(String value, long estimate) {
        public FrequentItem {
            requireNonNull(value, "value is null");
        }
    }
}
