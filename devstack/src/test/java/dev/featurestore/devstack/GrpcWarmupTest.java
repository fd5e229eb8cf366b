package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesRequest;
import feast.proto.types.ValueProto.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrpcWarmupTest {
    @Test
    void aFeatureServiceCallCarriesEachColumnTypedAsItsKeyOrRequestField() throws Exception {
        WarmupRequest dispatch = WarmupRequestsTest.exampleRequests().stream()
                .filter(request -> request.featureService().equals(Optional.of("dispatch_v1")))
                .findFirst().orElseThrow();

        GetOnlineFeaturesRequest message = GrpcWarmup.message(dispatch);

        assertThat(message.getFeatureService()).isEqualTo("dispatch_v1");
        assertThat(message.getFullFeatureNames()).isTrue();
        assertThat(message.getEntitiesMap().get("driver_id").getVal(0).getValCase()).isEqualTo(Value.ValCase.INT64_VAL);
        assertThat(message.getEntitiesMap().get("driver_id").getVal(0).getInt64Val()).isBetween(1001L, 1300L);
        assertThat(message.getEntitiesMap().get("origin_zone").getVal(0).getValCase()).isEqualTo(Value.ValCase.INT32_VAL);
        assertThat(message.getRequestContextMap().get("distance_km").getVal(0).getValCase()).isEqualTo(Value.ValCase.DOUBLE_VAL);
        assertThat(message.getRequestContextMap().get("passengers").getVal(0).getValCase()).isEqualTo(Value.ValCase.INT32_VAL);
        assertThat(message.getEntitiesMap().get("driver_id").getValCount()).isEqualTo(dispatch.entities().get(0).values().size());
    }

    @Test
    void aFeatureListCallNamesEveryFeatureAndCustomersByString() throws Exception {
        WarmupRequest customers = WarmupRequestsTest.exampleRequests().stream()
                .filter(request -> !request.features().isEmpty() && request.features().get(0).startsWith("customer_profile:"))
                .findFirst().orElseThrow();

        GetOnlineFeaturesRequest message = GrpcWarmup.message(customers);

        assertThat(message.getFeatures().getValList()).containsExactlyElementsOf(customers.features());
        assertThat(message.getFullFeatureNames()).isFalse();
        assertThat(message.getEntitiesMap().get("customer_id").getVal(0).getStringVal()).matches("C\\d{5}");
    }

    @Test
    void anUnreachableServiceIsCountedAsFailedCallsWithinTheDeadline() throws Exception {
        List<WarmupRequest> requests = WarmupRequestsTest.exampleRequests();

        GrpcWarmup.Outcome outcome = GrpcWarmup.call("127.0.0.1:1", "demo", "Bearer fsk_test", requests, 3, System.nanoTime() + Duration.ofSeconds(10).toNanos());

        assertThat(outcome.sent()).isEqualTo(3);
        assertThat(outcome.failed()).isEqualTo(3);
        assertThat(outcome.firstError()).startsWith("gRPC UNAVAILABLE");
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        GrpcWarmup.Outcome outcome = GrpcWarmup.call("127.0.0.1:1", "demo", "Bearer fsk_test", WarmupRequestsTest.exampleRequests(), 100, System.nanoTime());

        assertThat(outcome.sent()).isZero();
    }
}
