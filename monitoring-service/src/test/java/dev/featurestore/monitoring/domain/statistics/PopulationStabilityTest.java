package dev.featurestore.monitoring.domain.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.featurestore.contracts.events.FeatureStatistics;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

/** The PSI of known distributions against the value worked out by hand. */
class PopulationStabilityTest {
    private static final int SAMPLES = 200_000;
    private final PopulationStability psi = new PopulationStability(10);
    private final Random random = new Random(7);

    @Test
    void theSameDistributionHasAnIndexNearZero() {
        FeatureStatistics reference = numeric(random::nextDouble, 0);
        FeatureStatistics current = numeric(random::nextDouble, 0);

        assertThat(psi.index(reference, current).orElseThrow()).isLessThan(0.005);
    }

    @Test
    void aShiftOfMassBetweenDecilesGivesTheIndexWorkedOutByHand() {
        // reference: 1,000 values spread evenly over [0, 1), so each of its deciles holds 10 %. The current run puts 70 % of its
        // values in [0, 0.5): 14 % in each of the reference's first five deciles, 6 % in each of the last five.
        // PSI = 5 * (0.14 - 0.10) * ln(1.4) + 5 * (0.06 - 0.10) * ln(0.6) = 0.2 * (ln 1.4 - ln 0.6) = 0.16946
        // (sketches that hold every value, so the shares are exact)
        FeatureStatistics reference = exact(perDecile(0.001, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100), 0);
        FeatureStatistics current = exact(perDecile(0.01, 140, 140, 140, 140, 140, 60, 60, 60, 60, 60), 0);

        assertThat(psi.index(reference, current).orElseThrow()).isCloseTo(0.2 * (Math.log(1.4) - Math.log(0.6)), within(1e-9));
    }

    @Test
    void theSameShiftMeasuredWithTheSketchSizeMaterializationUsesIsCloseToIt() {
        FeatureStatistics reference = numeric(random::nextDouble, 0);
        FeatureStatistics current = numeric(() -> random.nextDouble() < 0.7 ? random.nextDouble() * 0.5 : 0.5 + random.nextDouble() * 0.5, 0);

        // KLL with k = 200 estimates ranks within about 1.3 %: the shares, and so the index, are a little off
        assertThat(psi.index(reference, current).orElseThrow()).isCloseTo(0.2 * (Math.log(1.4) - Math.log(0.6)), within(0.03));
    }

    @Test
    void nullsTakeABinOfTheirOwn() {
        // the same values, but 10 % of the current run's are null: every value bin shrinks to 9 %, the null bin grows from 0
        // (counted as 0.0001) to 10 %. PSI = 10 * (0.09 - 0.1) * ln(0.9) + (0.1 - 0.0001) * ln(0.1 / 0.0001)
        double[] values = perDecile(0.001, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100);
        FeatureStatistics reference = exact(values, 0);
        FeatureStatistics current = exact(values, 111);
        double nullShare = 111 / 1111.0;
        double expected = 10 * (0.1 * (1 - nullShare) - 0.1) * Math.log(1 - nullShare)
                + (nullShare - PopulationStability.MIN_SHARE) * Math.log(nullShare / PopulationStability.MIN_SHARE);

        assertThat(psi.index(reference, current).orElseThrow()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void stringsCompareTheSharesOfTheirFrequentValues() {
        FeatureStatistics reference = strings(1_000, 0, List.of(item("a", 500), item("b", 300), item("c", 200)));
        FeatureStatistics current = strings(1_000, 0, List.of(item("c", 500), item("b", 300), item("a", 200)));
        // PSI = (0.2 - 0.5) ln(0.4) + 0 + (0.5 - 0.2) ln(2.5)
        double expected = (0.2 - 0.5) * Math.log(0.4) + (0.5 - 0.2) * Math.log(2.5);

        assertThat(psi.index(reference, current).orElseThrow()).isCloseTo(expected, within(1e-9));
        assertThat(psi.index(reference, reference).orElseThrow()).isCloseTo(0, within(1e-12));
    }

    @Test
    void featuresWithoutValuesOrASketchHaveNoIndex() {
        FeatureStatistics allNull = new FeatureStatistics("FLOAT64", 10, 10, null, null, null, null, null, null, null);
        FeatureStatistics list = new FeatureStatistics("INT64_LIST", 10, 0, null, null, null, null, null, null, null);

        assertThat(psi.index(allNull, numeric(random::nextDouble, 0))).isEmpty();
        assertThat(psi.index(list, list)).isEmpty();
    }

    private static FeatureStatistics numeric(DoubleSupplier values, int nulls) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (int i = 0; i < SAMPLES; i++) {
            sketch.update(values.getAsDouble());
        }
        return new FeatureStatistics("FLOAT64", SAMPLES + nulls, nulls, sketch.getMinItem(), sketch.getMaxItem(), null, null, null,
                Base64.getEncoder().encodeToString(sketch.toByteArray()), null);
    }

    /**
     * Values spread evenly inside each tenth of [0, 1), as many as asked per tenth, {@code margin} away from its ends (a
     * reference's values go nearer the ends than a current run's, so the reference's cut points fall between tenths).
     */
    private static double[] perDecile(double margin, int... counts) {
        double[] values = new double[Arrays.stream(counts).sum()];
        int next = 0;
        for (int decile = 0; decile < counts.length; decile++) {
            for (int j = 0; j < counts[decile]; j++) {
                values[next++] = decile / 10.0 + margin + (0.1 - 2 * margin) * (j + 0.5) / counts[decile];
            }
        }
        return values;
    }

    /** Statistics whose sketch is big enough to hold every value (so it is exact). */
    private static FeatureStatistics exact(double[] values, int nulls) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(4_096);
        for (double value : values) {
            sketch.update(value);
        }
        return new FeatureStatistics("FLOAT64", values.length + nulls, nulls, sketch.getMinItem(), sketch.getMaxItem(), null, null, null,
                Base64.getEncoder().encodeToString(sketch.toByteArray()), null);
    }

    private static FeatureStatistics strings(long count, long nulls, List<FeatureStatistics.FrequentItem> items) {
        return new FeatureStatistics("STRING", count, nulls, null, null, null, null, null, null, items);
    }

    private static FeatureStatistics.FrequentItem item(String value, long estimate) {
        return new FeatureStatistics.FrequentItem(value, estimate);
    }
}
