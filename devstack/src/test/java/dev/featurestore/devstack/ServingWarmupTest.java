package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.featurestore.contracts.repository.FeatureRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingWarmupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer fsk_test";

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
        executors.forEach(ExecutorService::shutdownNow);
    }

    @Test
    void sendsEveryRequestOverAFewKeepAliveConnectionsWithTheKeyAndCountsTheFailedOnes() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        Set<String> credentials = ConcurrentHashMap.newKeySet();
        HttpServer serving = server(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            credentials.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            // every tenth request fails
            int count = answered.incrementAndGet();
            respond(exchange, count % 10 == 0 ? 503 : 200, count % 10 == 0 ? "{\"detail\": \"unavailable\"}" : "");
        });

        ServingWarmup.Outcome outcome = ServingWarmup.run(ServingWarmup.client(), url(serving), "demo", ADMIN, List.of("{}", "{}", "{}", "{}"), 500, Duration.ofSeconds(20));

        assertThat(outcome.sent()).isEqualTo(500);
        assertThat(answered).hasValue(500);
        assertThat(outcome.failed()).isEqualTo(50);
        assertThat(outcome.firstError()).contains("HTTP 503");
        assertThat(outcome.bounded()).isFalse();
        assertThat(clientPorts).hasSizeBetween(1, ServingWarmup.CONNECTIONS);
        assertThat(credentials).containsExactly(ADMIN);
        assertThat(outcome.message("demo")).startsWith(ServingWarmup.PREFIX + "500 of 500 /get-online-features requests of project 'demo'")
                .contains("50 errors (the first: HTTP 503");
    }

    @Test
    void sendsTheFirstRequestOfEachBodyOneAtATime() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger mostInFlightAmongTheFirst = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        HttpServer serving = server(exchange -> {
            int now = inFlight.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (received.incrementAndGet() <= 8) {
                mostInFlightAmongTheFirst.accumulateAndGet(now, Math::max);
            }
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            respond(exchange, 200, "");
        });

        ServingWarmup.Outcome outcome = ServingWarmup.run(ServingWarmup.client(), url(serving), "demo", ADMIN, List.of("{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}"),
                200, Duration.ofSeconds(20));

        assertThat(outcome.sent()).isEqualTo(200);
        assertThat(mostInFlightAmongTheFirst).hasValue(1);
        assertThat(mostInFlight.get()).isBetween(2, ServingWarmup.CONNECTIONS);
    }

    @Test
    void stopsAtItsTimeBound() throws Exception {
        HttpServer slow = server(exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "");
        });

        ServingWarmup.Outcome outcome = ServingWarmup.run(ServingWarmup.client(), url(slow), "demo", ADMIN, List.of("{}"), 10_000, Duration.ofSeconds(1));

        assertThat(outcome.bounded()).isTrue();
        assertThat(outcome.sent()).isBetween(1, 200);
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(3));
        assertThat(outcome.message("demo")).contains("stopped at the 1 s bound");
    }

    @Test
    void aProjectTheRegistryDoesNotKnowIsReportedNotThrown() throws Exception {
        HttpServer registry = server(exchange -> respond(exchange, 404, "{\"detail\": \"no project 'demo'\"}"));

        String line = ServingWarmup.warmUp(url(registry), "http://127.0.0.1:1", "127.0.0.1:1", "demo", ADMIN, 100);

        assertThat(line).startsWith(ServingWarmup.PREFIX + "skipped").contains("HTTP 404", "no project 'demo'");
    }

    @Test
    void anUnreachableServingIsReportedAsErrorsNotThrown() throws Exception {
        HttpServer registry = server(exchange -> respond(exchange, 200, JSON.writeValueAsString(JSON.readTree(
                FeatureRepository.load(Path.of("..", "examples", "feature_repo")).json()))));

        String line = ServingWarmup.warmUp(url(registry), "http://127.0.0.1:1", "127.0.0.1:1", "demo", ADMIN, 20);

        assertThat(line).startsWith(ServingWarmup.PREFIX + "20 of 20 /get-online-features requests and 2 of 2 gRPC calls of project 'demo'")
                .contains("12 shapes", "22 errors (the first: java.net.ConnectException");
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private HttpServer server(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", handler::handle);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        executors.add(executor);
        server.setExecutor(executor);
        server.start();
        servers.add(server);
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers; an empty body is sent with the headers in one write (the JDK server writes a body apart, which Nagle's
     * algorithm and the client's delayed ACK hold back 40 ms: the warm-up ignores bodies but of errors).
     */
    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
