package dev.featurestore.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DependencyHealthIndicatorTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stopExecutor() {
        never.countDown();
        executor.shutdownNow();
    }

    @Test
    void reportsUpWithLocationAndProbeDetails() {
        HealthResult result = check(new TestingIndicator(timeout -> Map.of("version", "17.6")));

        assertThat(result.getName()).isEqualTo("testing");
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(result.getDetails()).isEqualTo(Map.of("endpoint", "tcp://127.0.0.1:1", "version", "17.6"));
    }

    @Test
    void reportsDownWithTheErrorWhenTheProbeFails() {
        HealthResult result = check(new TestingIndicator(timeout -> {
            throw new java.net.ConnectException("Connection refused");
        }));

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.getDetails()).isEqualTo(Map.of("endpoint", "tcp://127.0.0.1:1", "error", "ConnectException: Connection refused"));
    }

    @Test
    void reportsDownWhenTheProbeDoesNotAnswerInTime() {
        HealthResult result = check(new TestingIndicator(timeout -> {
            never.await();
            return Map.of();
        }));

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.getDetails()).isEqualTo(Map.of("endpoint", "tcp://127.0.0.1:1", "error", "no answer within PT0.2S"));
    }

    private static HealthResult check(DependencyHealthIndicator indicator) {
        return Mono.from(indicator.getResult()).block(Duration.ofSeconds(10));
    }

    interface Probe {
        Map<String, Object> probe(Duration timeout) throws Exception;
    }

    private final class TestingIndicator extends DependencyHealthIndicator {
        private final Probe probe;

        TestingIndicator(Probe probe) {
            super("testing", executor, new HealthProperties(Duration.ofMillis(200)));
            this.probe = probe;
        }

        @Override
        protected Map<String, Object> location() {
            return Map.of("endpoint", "tcp://127.0.0.1:1");
        }

        @Override
        protected Map<String, Object> probe(Duration timeout) throws Exception {
            return probe.probe(timeout);
        }
    }
}
