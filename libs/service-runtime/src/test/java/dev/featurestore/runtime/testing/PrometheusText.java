package dev.featurestore.runtime.testing;

import java.util.Arrays;

/** Reads one sample out of a Prometheus text exposition (what {@code /prometheus} answers). */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The value of the sample of {@code metric} whose labels include every {@code label="value"} given,
     * or 0 when there is none (a counter not yet incremented).
     */
    public static double sample(String exposition, String metric, String... labels) {
        return exposition.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
