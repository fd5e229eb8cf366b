package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.contracts.repository.FeatureRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleProjectGivesEachOnlineViewAndFeatureServiceForOneAndTenEntityRows() throws Exception {
        List<JsonNode> bodies = exampleBodies();

        // 4 online views and 2 feature services, 1 and 10 rows each, 4 variants of entities each
        assertThat(bodies).hasSize(48);
        JsonNode driverHourly = bodies.stream().filter(body -> body.path("features").path(0).asText().startsWith("driver_hourly:")).findFirst().orElseThrow();
        assertThat(JSON.convertValue(driverHourly.path("features"), List.class))
                .containsExactly("driver_hourly:conv_rate", "driver_hourly:acc_rate", "driver_hourly:avg_daily_trips", "driver_hourly:trips_today");
        assertThat(names(driverHourly.path("entities"))).containsExactly("driver_id");
        for (JsonNode driver : driverHourly.path("entities").path("driver_id")) {
            assertThat(driver.asLong()).isBetween(1001L, 1300L);
        }
        assertThat(bodies.stream().map(body -> body.path("entities").elements().next().size()).distinct()).containsExactlyInAnyOrder(1, 10);
    }

    @Test
    void aFeatureServiceCarriesTheJoinKeysOfEveryViewAndTheRequestDataOfItsOnDemandViews() throws Exception {
        JsonNode dispatch = exampleBodies().stream()
                .filter(body -> body.path("feature_service").asText().equals("dispatch_v1") && body.path("entities").path("driver_id").size() == 10)
                .findFirst().orElseThrow();

        assertThat(names(dispatch.path("entities"))).containsExactlyInAnyOrder("driver_id", "origin_zone", "destination_zone");
        assertThat(names(dispatch.path("request_context"))).containsExactlyInAnyOrder("distance_km", "passengers");
        for (int row = 0; row < 10; row++) {
            int origin = dispatch.path("entities").path("origin_zone").path(row).asInt();
            int destination = dispatch.path("entities").path("destination_zone").path(row).asInt();
            assertThat(origin).isBetween(1, 8).isNotEqualTo(destination);
            assertThat(destination).isBetween(1, 8);
            assertThat(dispatch.path("request_context").path("passengers").path(row).asInt()).isPositive();
        }
        JsonNode growth = exampleBodies().stream().filter(body -> body.path("feature_service").asText().equals("growth_v1")).findFirst().orElseThrow();
        assertThat(names(growth.path("entities"))).containsExactly("customer_id");
        assertThat(growth.path("entities").path("customer_id").path(0).asText()).matches("C\\d{5}");
        assertThat(growth.has("request_context")).isFalse();
    }

    private static List<JsonNode> exampleBodies() throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        for (WarmupRequest request : exampleRequests()) {
            bodies.add(JSON.readTree(request.json()));
        }
        return bodies;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<WarmupRequest> exampleRequests() throws IOException {
        return WarmupRequests.of(JSON.readTree(FeatureRepository.load(Path.of("..", "examples", "feature_repo")).json()));
    }
}
