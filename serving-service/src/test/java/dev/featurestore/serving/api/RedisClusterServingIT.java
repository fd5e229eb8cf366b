package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.testkit.TestStack;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The service on the testkit's real three-master Redis Cluster ({@code featurestore.serving.redis-cluster: true},
 * seeded by one node): records of entities spread over every master are read back in one request.
 */
class RedisClusterServingIT extends ServingApiTest {
    @Override
    Map<String, String> moreProperties() {
        return Map.of(
                "featurestore.redis.uri", TestStack.shared().redisCluster().uris().get(0),
                "featurestore.serving.redis-cluster", "true");
    }

    @Test
    void readsEntitiesSpreadOverEveryMasterInOneRequest() {
        defineDriverHourly("0");
        Instant event = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int drivers = 40;
        StringJoiner ids = new StringJoiner(", ");
        Set<Integer> masters = new HashSet<>();
        List<Double> expected = new ArrayList<>();
        for (int driver = 1; driver <= drivers; driver++) {
            writeDriverHourly(driver, event, driver / 100.0);
            ids.add(Integer.toString(driver));
            expected.add(driver / 100.0);
            // 16384 slots over three masters: which third holds this entity's record
            masters.add(SlotHash.getSlot("{driver_id=%d}".formatted(driver).getBytes(StandardCharsets.UTF_8)) * 3 / SlotHash.SLOT_COUNT);
        }
        ids.add("999");
        expected.add(null);
        assertThat(masters).as("the entities' slots fall on every master").hasSize(3);

        RawHttp.Answer answer = post("/get-online-features", """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [%s]}}""".formatted(ids));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<?> results = (List<?>) answer.at("results");
        Map<?, ?> convRate = (Map<?, ?>) results.get(1);
        assertThat(convRate.get("values")).isEqualTo(expected);
        List<String> statuses = new ArrayList<>(Collections.nCopies(drivers, "PRESENT"));
        statuses.add("NOT_FOUND");
        assertThat(convRate.get("statuses")).isEqualTo(statuses);
    }
}
