package dev.featurestore.monitoring.domain.statistics;

import dev.featurestore.contracts.events.FeatureStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The population stability index (PSI) of a feature's values in one run against a reference run, from the statistics
 * materialization computed: {@code PSI = sum over bins of (a - e) * ln(a / e)}, with {@code e} the reference's share
 * of values in a bin and {@code a} the run's.
 * <ul>
 *   <li>Numbers (those with a KLL sketch): the bins are cut at the reference's quantiles at ranks 1/n .. (n-1)/n
 *       (equal shares of the reference; equal cut points merged), the shares read from each run's sketch.</li>
 *   <li>Strings (those with frequent items): one bin per value frequent in either run, and one for all other values.</li>
 *   <li>Both: one more bin for nulls, so a feature that starts to be null drifts too.</li>
 * </ul>
 * An empty bin counts as a share of {@value #MIN_SHARE} on both sides, so the index stays finite. Features of other
 * types, or with no non-null value on either side, have no PSI.
 */
public final class PopulationStability {
    /** The share an empty bin counts as. */
    public static final double MIN_SHARE = 1e-4;

    private final int bins;

    /** @param bins bins of numeric values (ranks 1/bins .. (bins-1)/bins cut them) */
    public PopulationStability(int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, got " + bins);
        }
        this.bins = bins;
    }

    /** The PSI of {@code current} against {@code reference}; empty when the feature has none. */
    public OptionalDouble index(FeatureStatistics reference, FeatureStatistics current) {
        long referenceValues = reference.count() - reference.nullCount();
        long currentValues = current.count() - current.nullCount();
        if (referenceValues == 0 || currentValues == 0) {
            return OptionalDouble.empty();
        }
        if (reference.kllSketch() != null && current.kllSketch() != null) {
            return OptionalDouble.of(numeric(reference, current));
        }
        if (reference.frequentItems() != null && current.frequentItems() != null) {
            return OptionalDouble.of(categorical(reference, current));
        }
        return OptionalDouble.empty();
    }

    private double numeric(FeatureStatistics reference, FeatureStatistics current) {
        KllDoublesSketch expected = sketch(reference);
        KllDoublesSketch actual = sketch(current);
        double[] ranks = new double[bins - 1];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = (i + 1) / (double) bins;
        }
        double[] cuts = Arrays.stream(expected.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE)).distinct().sorted().toArray();
        double[] expectedShares = cuts.length == 0 ? new double[] {1.0} : expected.getPMF(cuts, QuantileSearchCriteria.INCLUSIVE);
        double[] actualShares = cuts.length == 0 ? new double[] {1.0} : actual.getPMF(cuts, QuantileSearchCriteria.INCLUSIVE);
        return index(withNulls(expectedShares, reference), withNulls(actualShares, current));
    }

    private static double categorical(FeatureStatistics reference, FeatureStatistics current) {
        Map<String, double[]> shares = new LinkedHashMap<>();
        double referenceValues = reference.count() - reference.nullCount();
        double currentValues = current.count() - current.nullCount();
        for (FeatureStatistics.FrequentItem item : reference.frequentItems()) {
            shares.computeIfAbsent(item.value(), ignored -> new double[2])[0] = item.estimate() / referenceValues;
        }
        for (FeatureStatistics.FrequentItem item : current.frequentItems()) {
            shares.computeIfAbsent(item.value(), ignored -> new double[2])[1] = item.estimate() / currentValues;
        }
        List<Double> expected = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        double expectedOther = 1.0;
        double actualOther = 1.0;
        for (double[] share : shares.values()) {
            expected.add(share[0]);
            actual.add(share[1]);
            expectedOther -= share[0];
            actualOther -= share[1];
        }
        expected.add(Math.max(0, expectedOther));
        actual.add(Math.max(0, actualOther));
        return index(withNulls(expected.stream().mapToDouble(Double::doubleValue).toArray(), reference),
                withNulls(actual.stream().mapToDouble(Double::doubleValue).toArray(), current));
    }

    /** Shares of the non-null values scaled to all values, and the nulls' share appended. */
    private static double[] withNulls(double[] shares, FeatureStatistics statistics) {
        double nullShare = statistics.count() == 0 ? 0 : statistics.nullCount() / (double) statistics.count();
        double[] all = Arrays.copyOf(shares, shares.length + 1);
        for (int i = 0; i < shares.length; i++) {
            all[i] = shares[i] * (1 - nullShare);
        }
        all[shares.length] = nullShare;
        return all;
    }

    static double index(double[] expected, double[] actual) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], MIN_SHARE);
            double a = Math.max(actual[i], MIN_SHARE);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    private static KllDoublesSketch sketch(FeatureStatistics statistics) {
        return KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(statistics.kllSketch())));
    }
}
