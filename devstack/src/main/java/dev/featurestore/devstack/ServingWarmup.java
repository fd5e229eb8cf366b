package dev.featurestore.devstack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded warm-up of serving-service at start: a fresh JVM runs its first requests interpreted and compiles the
 * request path over the next thousands, so a newcomer's first measured second would pay for that. Once the example
 * project is applied, the dev stack sends {@code POST /get-online-features} requests of that project's online
 * features, as the registry holds them ({@link WarmupRequests}), with the admin key over a few keep-alive connections,
 * then a tenth as many gRPC calls of the same requests ({@link GrpcWarmup}), until all are sent or {@link #BOUND} has
 * passed. A failed warm-up is reported in its line, never thrown.
 */
final class ServingWarmup {
    /** The most time a warm-up may take, whatever the number of requests. */
    static final Duration BOUND = Duration.ofSeconds(20);
    /** Keep-alive connections the requests are spread over. */
    static final int CONNECTIONS = 4;
    /** One gRPC call for this many HTTP requests. */
    static final int HTTP_REQUESTS_PER_GRPC_CALL = 10;
    /** Every line starts so. */
    static final String PREFIX = "Serving warm-up: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServingWarmup() {
    }

    /**
     * What a warm-up did.
     *
     * @param requested HTTP requests it was to send
     * @param sent HTTP requests answered or failed
     * @param grpcRequested gRPC calls it was to make
     * @param grpcSent gRPC calls answered or failed
     * @param failed requests and calls that were not answered 200 or OK (or not answered)
     * @param firstError the first failure, or null
     * @param shapes distinct request shapes (feature lists and feature services, by entity rows)
     * @param took from the first request to the last answer
     * @param bound the time it was given
     * @param bounded whether it stopped (at the time bound) before sending every request and call
     */
    record Outcome(int requested, int sent, int grpcRequested, int grpcSent, int failed, String firstError, int shapes, Duration took, Duration bound,
            boolean bounded) {
        /** The console line. */
        String message(String project) {
            String errors = failed == 0 ? "no errors" : "%,d errors (the first: %s)".formatted(failed, firstError);
            String grpc = grpcRequested == 0 ? "" : " and %,d of %,d gRPC calls".formatted(grpcSent, grpcRequested);
            String stopped = bounded ? ", stopped at the %d s bound".formatted(bound.toSeconds()) : "";
            return "%s%,d of %,d /get-online-features requests%s of project '%s' (%d shapes, %d connections) in %.1f s%s, %s."
                    .formatted(PREFIX, sent, requested, grpc, project, shapes, CONNECTIONS, took.toMillis() / 1000.0, stopped, errors);
        }

        /** This HTTP warm-up followed by gRPC calls, {@code total} the time of both. */
        Outcome withGrpc(int calls, GrpcWarmup.Outcome grpc, Duration total) {
            return new Outcome(requested, sent, calls, grpc.sent(), failed + grpc.failed(), firstError == null ? grpc.firstError() : firstError, shapes,
                    total, bound, bounded || grpc.sent() < calls);
        }
    }

    /**
     * Reads the project from the registry, then warms serving up with {@code requests} HTTP requests of it and a tenth
     * as many gRPC calls to {@code grpcTarget} ({@code host:port}). Never throws: the line says what went wrong.
     *
     * @return the console line
     */
    static String warmUp(String registryUrl, String servingUrl, String grpcTarget, String project, String authorization, int requests) {
        HttpClient http = client();
        long started = System.nanoTime();
        try {
            HttpResponse<String> snapshot = http.send(HttpRequest.newBuilder(URI.create("%s/v1/projects/%s/registry".formatted(registryUrl, encode(project))))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (snapshot.statusCode() != 200) {
                return "%sskipped: the registry answered HTTP %d for project '%s': %s".formatted(PREFIX, snapshot.statusCode(), project, abbreviate(snapshot.body()));
            }
            List<WarmupRequest> plan = WarmupRequests.of(JSON.readTree(snapshot.body()));
            if (plan.isEmpty()) {
                return "%sskipped: project '%s' has no online feature view nor feature service".formatted(PREFIX, project);
            }
            Outcome outcome = run(http, servingUrl, project, authorization, plan.stream().map(WarmupRequest::json).toList(), requests, BOUND);
            int calls = requests / HTTP_REQUESTS_PER_GRPC_CALL;
            GrpcWarmup.Outcome grpc = GrpcWarmup.call(grpcTarget, project, authorization, plan, calls, started + BOUND.toNanos());
            return outcome.withGrpc(calls, grpc, Duration.ofNanos(System.nanoTime() - started)).message(project);
        }
        catch (IOException | RuntimeException e) {
            return "%sfailed: %s".formatted(PREFIX, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "%sinterrupted".formatted(PREFIX);
        }
    }

    /**
     * Sends {@code requests} requests, the i-th being {@code bodies.get(i % size)}, until all are sent or {@code bound}
     * has passed: first one of each body at a time (a cold service's first requests are slow: one after the other they
     * do not pile up into timeouts), then the rest over {@value #CONNECTIONS} keep-alive connections.
     */
    static Outcome run(HttpClient http, String servingUrl, String project, String authorization, List<String> bodies, int requests, Duration bound)
            throws InterruptedException {
        requireNonNull(bodies, "bodies is null");
        URI uri = URI.create("%s/get-online-features?project=%s".formatted(servingUrl, encode(project)));
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        Tally tally = new Tally();
        int primed = Math.min(bodies.size(), requests);
        for (int index = 0; index < primed && System.nanoTime() < deadline; index++) {
            if (!send(http, uri, authorization, bodies.get(index), tally)) {
                throw new InterruptedException("interrupted while warming serving up");
            }
        }
        AtomicInteger next = new AtomicInteger(primed);
        List<Thread> workers = new ArrayList<>();
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            Thread worker = new Thread(() -> {
                for (int index = next.getAndIncrement(); index < requests && System.nanoTime() < deadline; index = next.getAndIncrement()) {
                    if (!send(http, uri, authorization, bodies.get(index % bodies.size()), tally)) {
                        return;
                    }
                }
            }, "devstack-serving-warmup-" + connection);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        }
        catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int sent = tally.sent.get();
        return new Outcome(requests, sent, 0, 0, tally.failed.get(), tally.firstError.get(), bodies.size() / WarmupRequests.VARIANTS, took, bound, sent < requests);
    }

    /** Requests sent and failed so far, and the first failure. */
    private static final class Tally {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();

        void failed(String error) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, error);
        }
    }

    /** Sends one request and counts it; false when interrupted (then it is not counted). */
    private static boolean send(HttpClient http, URI uri, String authorization, String body, Tally tally) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                tally.failed("HTTP %d %s".formatted(response.statusCode(), abbreviate(response.body())));
            }
        }
        catch (IOException e) {
            tally.failed(e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        tally.sent.incrementAndGet();
        return true;
    }

    /** An HTTP/1.1 client: its connections stay open between requests (keep-alive), one per worker. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
