package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.serving.store.GuardedOnlineStore;
import dev.featurestore.testkit.RedisServer;
import dev.featurestore.testkit.TestStack;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Redis faults on a dedicated real redis-server: stopped, the service answers 503 problems and its circuit
 * opens (later calls fail at once); started again, the service recovers by itself. Paused, requests pile up and
 * the bulkhead sheds the excess with 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultsIT extends ServingApiTest {
    private static final String QUERY = """
            {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [1]}}""";

    private RedisServer redis;

    @Inject
    GuardedOnlineStore guard;
    @Inject
    MeterRegistry meters;

    @Override
    Map<String, String> moreProperties() {
        redis = TestStack.shared().dedicatedRedis();
        return Map.of(
                "featurestore.redis.uri", redis.uri(),
                "featurestore.serving.redis-timeout", "1s",
                "featurestore.serving.max-in-flight", "2",
                "featurestore.serving.circuit-breaker-window", "4",
                "featurestore.serving.circuit-breaker-open-for", "1s");
    }

    @BeforeAll
    void define() {
        defineDriverHourly("0");
        writeDriverHourly(1, Instant.now(), 0.5);
    }

    @AfterAll
    void closeRedis() {
        redis.close();
    }

    @Test
    @Order(1)
    void redisDownAnswers503ThenTheCircuitOpensAndTheServiceRecoversWhenRedisReturns() {
        assertThat(ask().status()).isEqualTo(200);
        long failedBefore = failedReads();
        redis.stop();
        try {
            List<RawHttp.Answer> answers = new ArrayList<>();
            for (int attempt = 0; attempt < 8; attempt++) {
                answers.add(ask());
            }
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                // Feast's client (urllib3) retries a 503 after Retry-After
                assertThat(answer.header("Retry-After")).contains("1");
            });
            assertThat(answers.get(answers.size() - 1).body()).contains("circuit breaker is open");
            assertThat(guard.circuitState()).isEqualTo("OPEN");
            // a request the open circuit refuses makes no call: only the calls made are timed as failed
            long refused = answers.stream().filter(answer -> answer.body().contains("circuit breaker is open")).count();
            assertThat(refused).isPositive();
            assertThat(failedReads() - failedBefore).isEqualTo(answers.size() - refused);
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> ask().status() == 200);
        assertThat(((Map<?, ?>) ((List<?>) ask().json().get("results")).get(1)).get("values")).isEqualTo(List.of(0.5));
        // half open: a few successful trial calls close it
        await().atMost(Duration.ofSeconds(10)).until(() -> ask().status() == 200 && guard.circuitState().equals("CLOSED"));
    }

    @Test
    @Order(2)
    void requestsBeyondMaxInFlightAreShedWith503WhileRedisIsSlow() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ask().status() == 200);
        RedisClient client = RedisClient.create(redis.uri());
        ExecutorService executor = Executors.newFixedThreadPool(6);
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            // every client's commands wait 800 ms: the first two requests hold the bulkhead's permits meanwhile
            admin.sync().clientPause(800);
            List<CompletableFuture<RawHttp.Answer>> requests = new ArrayList<>();
            for (int request = 0; request < 6; request++) {
                requests.add(CompletableFuture.supplyAsync(this::ask, executor));
            }
            List<RawHttp.Answer> answers = requests.stream().map(CompletableFuture::join).toList();

            assertThat(answers).extracting(RawHttp.Answer::status).containsOnly(200, 503).contains(200, 503);
            assertThat(answers).filteredOn(answer -> answer.status() == 503)
                    .allSatisfy(answer -> {
                        assertThat(answer.body()).contains("Too many online store calls in flight");
                        assertThat(answer.header("Retry-After")).contains("1");
                    });
        } finally {
            executor.shutdownNow();
            client.shutdown();
        }
    }

    private long failedReads() {
        Timer failed = meters.find("featurestore.serving.online.store").tags("operation", "read", "outcome", "failure").timer();
        return failed == null ? 0 : failed.count();
    }

    private RawHttp.Answer ask() {
        return post("/get-online-features", QUERY);
    }
}
