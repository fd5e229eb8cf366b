package dev.featurestore.historical.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.historical.TestingRegistryClient;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.historical.domain.job.Jobs;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What historical-service's API tests share: the service on the test stack with a registry held in memory, its object
 * store and jobs, a raw HTTP client and a bounded wait for a job to finish. Subclasses are annotated
 * {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HistoricalApiTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    TestingRegistryClient registry;
    @Inject
    ObjectStore store;
    @Inject
    Jobs jobs;

    RawHttp http;

    /** The test's own properties, on top of the stack's. */
    abstract Map<String, String> moreProperties();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.withStack(moreProperties());
    }

    @BeforeAll
    void connect() {
        http = new RawHttp(server.getURI(), jsonMapper);
    }

    /** Waits (bounded) until the job has finished and returns it. */
    Map<String, Object> awaitFinished(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            RawHttp.Answer answer = http.get("/v1/jobs/" + id);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            last[0] = answer.json();
            return JobState.fromWireName((String) last[0].get("state")).finished();
        });
        return last[0];
    }
}
