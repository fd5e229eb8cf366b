package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.serving.domain.FeatureStatus;
import dev.featurestore.serving.domain.OnlineFeaturesResult;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OnlineAnswerJson} writes what the service's generic JSON mapper writes for the same
 * {@link GetOnlineFeaturesResponse}: byte for byte for ordinary values, and value for value (the same parsed tree) for
 * every value type and random doubles (both are exact; the digits of a double may differ where Java 17's
 * {@code Double.toString} is not the shortest).
 */
class OnlineAnswerJsonTest extends ServingApiTest {
    private static final Instant EVENT = Instant.parse("2026-11-21T10:15:30.250Z");
    private static final Instant OTHER = Instant.parse("2026-11-20T00:00:00Z");

    @Inject
    JsonMapper mapper;

    @Test
    void writesFeastsResponseByteForByteAsTheMapperDoes() throws Exception {
        OnlineFeaturesResult answer = new OnlineFeaturesResult(List.of(
                column("driver_id", List.of(1001L, 1002L), List.of(FeatureStatus.PRESENT, FeatureStatus.PRESENT), List.of(Instant.EPOCH, Instant.EPOCH)),
                column("conv", Arrays.asList(0.5, null), List.of(FeatureStatus.PRESENT, FeatureStatus.NOT_FOUND), List.of(EVENT, Instant.EPOCH)),
                column("mixed", Arrays.asList(List.of("a", "b"), "text", true, 7, 1.5f, Instant.parse("2026-01-02T03:04:05Z")),
                        List.of(FeatureStatus.PRESENT, FeatureStatus.NULL_VALUE, FeatureStatus.OUTSIDE_MAX_AGE, FeatureStatus.PRESENT, FeatureStatus.PRESENT,
                                FeatureStatus.PRESENT),
                        List.of(EVENT, EVENT, OTHER, OTHER, EVENT, Instant.EPOCH))));

        String written = new String(OnlineAnswerJson.write(answer), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(mapper.writeValueAsString(GetOnlineFeaturesResponse.of(answer))).isEqualTo("""
                {"metadata":{"feature_names":["driver_id","conv","mixed"]},"results":[\
                {"values":[1001,1002],"statuses":["PRESENT","PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z","1970-01-01T00:00:00Z"]},\
                {"values":[0.5,null],"statuses":["PRESENT","NOT_FOUND"],"event_timestamps":["2026-11-21T10:15:30.250Z","1970-01-01T00:00:00Z"]},\
                {"values":[["a","b"],"text",true,7,1.5,"2026-01-02T03:04:05Z"],"statuses":["PRESENT","NULL_VALUE","OUTSIDE_MAX_AGE","PRESENT","PRESENT","PRESENT"],\
                "event_timestamps":["2026-11-21T10:15:30.250Z","2026-11-21T10:15:30.250Z","2026-11-20T00:00:00Z","2026-11-20T00:00:00Z",\
                "2026-11-21T10:15:30.250Z","1970-01-01T00:00:00Z"]}]}""");
    }

    @Test
    void writesEveryValueTypeAndRandomDoublesAsTheSameValuesAsTheMapper() throws Exception {
        Random random = new Random(42);
        List<Object> doubles = new ArrayList<>();
        for (int index = 0; index < 2_000; index++) {
            doubles.add(switch (index % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> (double) random.nextInt(1_000_000) / 100;
            });
        }
        doubles.removeIf(value -> !Double.isFinite((Double) value));
        List<Object> floats = new ArrayList<>();
        for (int index = 0; index < 500; index++) {
            floats.add(random.nextFloat() * (float) Math.pow(10, random.nextInt(20) - 10));
        }
        List<Object> others = Arrays.asList(null, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, -0.0, 1e300, 4.9e-324, 1e23, 2e-3, Double.NaN,
                Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, false, "", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 del \u007f",
                "Ωmega ünïcode 日本 😀", Instant.parse("1969-12-31T23:59:59.999999Z"),
                List.of(1L, 2L), List.of(0.1, 0.2), List.of(1.5f), List.of(true, false), List.of(Instant.EPOCH), List.of(),
                Arrays.asList("x", null));
        OnlineFeaturesResult answer = new OnlineFeaturesResult(List.of(column("doubles", doubles), column("floats", floats), column("others", others),
                column("name with \"quotes\" and ü", List.of(1L))));

        String written = new String(OnlineAnswerJson.write(answer), StandardCharsets.UTF_8);
        String expected = mapper.writeValueAsString(GetOnlineFeaturesResponse.of(answer));

        assertThat(mapper.readValue(written, JsonNode.class)).isEqualTo(mapper.readValue(expected, JsonNode.class));
    }

    @Test
    void writesBytesAsBase64AsFeastsJsonDoesNotAsTheMappersArraysOfNumbers() {
        OnlineFeaturesResult answer = new OnlineFeaturesResult(List.of(column("blob", List.of(new byte[] {0, 1, 2, (byte) 255}, List.of(new byte[] {9}, new byte[0])))));

        assertThat(new String(OnlineAnswerJson.write(answer), StandardCharsets.UTF_8)).contains("\"values\":[\"AAEC/w==\",[\"CQ==\",\"\"]]");
    }

    private static OnlineFeaturesResult.Column column(String name, List<Object> values) {
        List<Instant> timestamps = new ArrayList<>();
        for (int row = 0; row < values.size(); row++) {
            timestamps.add(row % 3 == 0 ? Instant.EPOCH : row % 3 == 1 ? EVENT : OTHER);
        }
        return column(name, values, Collections.nCopies(values.size(), FeatureStatus.PRESENT), timestamps);
    }

    private static OnlineFeaturesResult.Column column(String name, List<Object> values, List<FeatureStatus> statuses, List<Instant> timestamps) {
        return new OnlineFeaturesResult.Column(name, values, statuses, timestamps);
    }
}
