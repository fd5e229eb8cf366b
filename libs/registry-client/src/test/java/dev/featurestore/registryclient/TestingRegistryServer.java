package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.featurestore.contracts.api.RegistrySnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the registry's snapshot endpoint ({@code GET /v1/projects/{project}/registry}) on a
 * real HTTP server: canned snapshots, ETag {@code "rv-<registry_version>"}, 304 on a matching
 * {@code If-None-Match}, 404 problem {@code PROJECT_NOT_FOUND} for an unknown project. It records
 * each request so tests can count fetches.
 */
final class TestingRegistryServer implements AutoCloseable {
    private static final Pattern SNAPSHOT_PATH = Pattern.compile("/v1/projects/([^/]+)/registry");

    /** One request the server answered. */
    record Request(String project, String ifNoneMatch, int status) {
    }

    private final HttpServer server;
    private final Map<String, RegistrySnapshot> snapshots = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int failWithStatus;

    TestingRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:%d".formatted(server.getAddress().getPort()));
    }

    void put(RegistrySnapshot snapshot) {
        snapshots.put(snapshot.project(), requireNonNull(snapshot, "snapshot is null"));
    }

    void remove(String project) {
        snapshots.remove(project);
    }

    /** Answers every request with this status (a problem body) until {@code 0} is set. */
    void failWith(int status) {
        failWithStatus = status;
    }

    List<Request> requests(String project) {
        return requests.stream().filter(request -> request.project().equals(project)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher matcher = SNAPSHOT_PATH.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("GET") || !matcher.matches()) {
                respond(exchange, 404, "application/problem+json", problem(404, "NOT_FOUND", "No route " + exchange.getRequestURI()), null);
                return;
            }
            String project = matcher.group(1);
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            answer(exchange, project, ifNoneMatch);
        }
    }

    /** Records the request before answering, so a client that has its answer always finds it recorded. */
    private void answer(HttpExchange exchange, String project, String ifNoneMatch) throws IOException {
        int failing = failWithStatus;
        if (failing != 0) {
            requests.add(new Request(project, ifNoneMatch, failing));
            respond(exchange, failing, "application/problem+json", problem(failing, "INTERNAL", "failing on purpose"), null);
            return;
        }
        RegistrySnapshot snapshot = snapshots.get(project);
        if (snapshot == null) {
            requests.add(new Request(project, ifNoneMatch, 404));
            respond(exchange, 404, "application/problem+json",
                    problem(404, "PROJECT_NOT_FOUND", "No project '%s'".formatted(project)), null);
            return;
        }
        String etag = "\"rv-%d\"".formatted(snapshot.registryVersion());
        if (etag.equals(ifNoneMatch)) {
            requests.add(new Request(project, ifNoneMatch, 304));
            respond(exchange, 304, null, null, etag);
            return;
        }
        requests.add(new Request(project, ifNoneMatch, 200));
        respond(exchange, 200, "application/json", Documents.json(snapshot), etag);
    }

    private static String problem(int status, String code, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":%d,\"detail\":\"%s\",\"code\":\"%s\",\"errors\":[]}"
                .formatted(status, detail, code);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body, String etag) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
