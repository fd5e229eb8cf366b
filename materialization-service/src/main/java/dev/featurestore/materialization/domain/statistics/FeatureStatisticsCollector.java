package dev.featurestore.materialization.domain.statistics;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.FeatureStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The statistics of one feature, gathered one value at a time in bounded memory: counts; for numeric values
 * (integers, floats, booleans as 0/1, timestamps as epoch milliseconds) min, max, mean and population standard
 * deviation (Welford's update) and a KLL quantile sketch; for strings a frequent-items sketch. Not thread-safe.
 */
public final class FeatureStatisticsCollector {
    /** The ranks whose quantiles the statistics carry. */
    public static final List<Double> RANKS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99);
    private static final int KLL_K = 200;
    private static final int FREQUENT_ITEMS_MAP_SIZE = 64;
    private static final int FREQUENT_ITEMS_REPORTED = 10;

    private final ValueType type;
    private final KllDoublesSketch quantiles;
    private final ItemsSketch<String> items;
    private long count;
    private long nulls;
    private long numeric;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double squaredDistances;

    public FeatureStatisticsCollector(ValueType type) {
        this.type = requireNonNull(type, "type is null");
        this.quantiles = isNumeric(type) ? KllDoublesSketch.newHeapInstance(KLL_K) : null;
        this.items = type == ValueType.STRING ? new ItemsSketch<>(FREQUENT_ITEMS_MAP_SIZE) : null;
    }

    /** Whether the statistics of {@code type} carry min, max, mean, deviation and quantiles. */
    public static boolean isNumeric(ValueType type) {
        return switch (type) {
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, UNIX_TIMESTAMP -> true;
            case STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> false;
        };
    }

    /** Adds one value (of the feature's type as {@code Row} holds it), or a null. */
    public void add(Object value) {
        count++;
        if (value == null) {
            nulls++;
            return;
        }
        if (quantiles != null) {
            double number = number(value);
            if (Double.isNaN(number)) {
                return;
            }
            numeric++;
            min = Math.min(min, number);
            max = Math.max(max, number);
            double delta = number - mean;
            mean += delta / numeric;
            squaredDistances += delta * (number - mean);
            quantiles.update(number);
        } else if (items != null) {
            items.update((String) value);
        }
    }

    public FeatureStatistics statistics() {
        if (quantiles == null || numeric == 0) {
            return new FeatureStatistics(type.name(), count, nulls, null, null, null, null, null, null, frequentItems());
        }
        List<FeatureStatistics.Quantile> ranked = new ArrayList<>(RANKS.size());
        for (double rank : RANKS) {
            ranked.add(new FeatureStatistics.Quantile(rank, quantiles.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE)));
        }
        double deviation = Math.sqrt(Math.max(0, squaredDistances / numeric));
        return new FeatureStatistics(type.name(), count, nulls, min, max, mean, deviation, ranked,
                Base64.getEncoder().encodeToString(quantiles.toByteArray()), null);
    }

    private List<FeatureStatistics.FrequentItem> frequentItems() {
        if (items == null) {
            return null;
        }
        return Arrays.stream(items.getFrequentItems(ErrorType.NO_FALSE_POSITIVES))
                .limit(FREQUENT_ITEMS_REPORTED)
                .map(row -> new FeatureStatistics.FrequentItem(row.getItem(), row.getEstimate()))
                .toList();
    }

    private static double number(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        throw new IllegalArgumentException("not a numeric value: %s".formatted(value.getClass().getName()));
    }
}
