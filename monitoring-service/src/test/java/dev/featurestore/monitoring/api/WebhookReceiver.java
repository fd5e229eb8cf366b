package dev.featurestore.monitoring.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP endpoint on 127.0.0.1 that answers {@code failStatus} (with these headers and body) to its first
 * {@code failures} requests, then 200, and keeps what it received.
 */
final class WebhookReceiver implements AutoCloseable {
    private final int failures;
    private final int failStatus;
    private final Map<String, String> failHeaders;
    private final String failBody;
    private final AtomicInteger requests = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> signatures = new CopyOnWriteArrayList<>();
    final List<String> deliveryIds = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    final List<String> hosts = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private WebhookReceiver(int failures, int failStatus, Map<String, String> failHeaders, String failBody) throws IOException {
        this.failures = failures;
        this.failStatus = failStatus;
        this.failHeaders = Map.copyOf(failHeaders);
        this.failBody = failBody;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Featurestore-Signature"));
            deliveryIds.add(exchange.getRequestHeaders().getFirst("X-Featurestore-Delivery"));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            boolean fail = requests.incrementAndGet() <= failures;
            byte[] body = (fail ? failBody : "").getBytes(StandardCharsets.UTF_8);
            if (fail) {
                failHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            exchange.sendResponseHeaders(fail ? failStatus : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code failStatus} to its first {@code failures} requests, then 200. */
    static WebhookReceiver failing(int failures, int failStatus) throws IOException {
        return new WebhookReceiver(failures, failStatus, Map.of(), "");
    }

    /** Answers every request with this status, these headers and this body. */
    static WebhookReceiver answering(int status, Map<String, String> headers, String body) throws IOException {
        return new WebhookReceiver(Integer.MAX_VALUE, status, headers, body);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:%d/hook".formatted(port());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
