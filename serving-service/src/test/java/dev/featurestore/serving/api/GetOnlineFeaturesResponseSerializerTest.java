package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.serving.domain.FeatureStatus;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's JSON mapper writes the response through {@link GetOnlineFeaturesResponseSerializer}, byte for byte Feast's shape. */
class GetOnlineFeaturesResponseSerializerTest extends ServingApiTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void writesFeastsResponseWithEveryValueTypeAndEachTimestampAsRfc3339() throws Exception {
        Instant event = Instant.parse("2026-11-21T10:15:30.250Z");
        Instant other = Instant.parse("2026-11-20T00:00:00Z");
        GetOnlineFeaturesResponse response = new GetOnlineFeaturesResponse(new GetOnlineFeaturesResponse.Metadata(List.of("driver_id", "conv", "tags")),
                List.of(new GetOnlineFeaturesResponse.Result(List.of(1001L, 1002L), List.of(FeatureStatus.PRESENT, FeatureStatus.PRESENT),
                                List.of(Instant.EPOCH, Instant.EPOCH)),
                        new GetOnlineFeaturesResponse.Result(Arrays.asList(0.5, null), List.of(FeatureStatus.PRESENT, FeatureStatus.NOT_FOUND),
                                List.of(event, Instant.EPOCH)),
                        new GetOnlineFeaturesResponse.Result(Arrays.asList(List.of("a", "b"), "text", true, 7, 1.5f, Instant.parse("2026-01-02T03:04:05Z")),
                                List.of(FeatureStatus.PRESENT, FeatureStatus.NULL_VALUE, FeatureStatus.OUTSIDE_MAX_AGE, FeatureStatus.PRESENT,
                                        FeatureStatus.PRESENT, FeatureStatus.PRESENT),
                                List.of(event, event, other, other, event, Instant.EPOCH))));
        assertThat(mapper.writeValueAsString(response)).isEqualTo("""
                    {"metadata":{"feature_names":["driver_id","conv","tags"]},"results":[\
                    {"values":[1001,1002],"statuses":["PRESENT","PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z","1970-01-01T00:00:00Z"]},\
                    {"values":[0.5,null],"statuses":["PRESENT","NOT_FOUND"],"event_timestamps":["2026-11-21T10:15:30.250Z","1970-01-01T00:00:00Z"]},\
                    {"values":[["a","b"],"text",true,7,1.5,"2026-01-02T03:04:05Z"],"statuses":["PRESENT","NULL_VALUE","OUTSIDE_MAX_AGE","PRESENT","PRESENT","PRESENT"],\
                    "event_timestamps":["2026-11-21T10:15:30.250Z","2026-11-21T10:15:30.250Z","2026-11-20T00:00:00Z","2026-11-20T00:00:00Z",\
                    "2026-11-21T10:15:30.250Z","1970-01-01T00:00:00Z"]}]}""");
    }
}
