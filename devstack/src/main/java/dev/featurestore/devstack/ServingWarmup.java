package dev.featurestore.devstack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurestore.examples.DemoData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded warm-up of serving-service at start: a fresh JVM runs its first requests interpreted and compiles the
 * request path over the next thousands, so a newcomer's first measured second would pay for that. Once the example
 * project is applied, the dev stack sends {@code POST /get-online-features} requests of that project's online
 * features, as the registry holds them (each online feature view's features, and each feature service, for 1 and 10
 * entity rows of the demo data's keys), with the admin key over a few keep-alive connections, until the configured
 * number is sent or {@link #BOUND} has passed. A failed warm-up is reported in its line, never thrown.
 */
final class ServingWarmup {
    /** The most time a warm-up may take, whatever the number of requests. */
    static final Duration BOUND = Duration.ofSeconds(20);
    /** Keep-alive connections the requests are spread over. */
    static final int CONNECTIONS = 4;
    /** Every line starts so. */
    static final String PREFIX = "Serving warm-up: ";
    private static final List<Integer> ROWS = List.of(1, 10);
    /** Request bodies of each shape, with other entities each. */
    private static final int VARIANTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServingWarmup() {
    }

    /**
     * What a warm-up did.
     *
     * @param requested requests it was to send
     * @param sent requests answered or failed
     * @param failed requests that were not answered 200 (or not answered)
     * @param firstError the first failure, or null
     * @param shapes distinct request shapes (feature lists and feature services, by entity rows)
     * @param took from the first request to the last answer
     * @param bound the time it was given
     * @param bounded whether it stopped (at the time bound) before sending every request
     */
    record Outcome(int requested, int sent, int failed, String firstError, int shapes, Duration took, Duration bound, boolean bounded) {
        /** The console line. */
        String message(String project) {
            String errors = failed == 0 ? "no errors" : "%,d errors (the first: %s)".formatted(failed, firstError);
            String stopped = bounded ? ", stopped at the %d s bound".formatted(bound.toSeconds()) : "";
            return "%s%,d of %,d /get-online-features requests of project '%s' (%d shapes, %d connections) in %.1f s%s, %s."
                    .formatted(PREFIX, sent, requested, project, shapes, CONNECTIONS, took.toMillis() / 1000.0, stopped, errors);
        }
    }

    /**
     * Reads the project from the registry, then warms serving up with {@code requests} requests of it. Never throws:
     * the line says what went wrong.
     *
     * @return the console line
     */
    static String warmUp(String registryUrl, String servingUrl, String project, String authorization, int requests) {
        HttpClient http = client();
        try {
            HttpResponse<String> snapshot = http.send(HttpRequest.newBuilder(URI.create("%s/v1/projects/%s/registry".formatted(registryUrl, encode(project))))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (snapshot.statusCode() != 200) {
                return "%sskipped: the registry answered HTTP %d for project '%s': %s".formatted(PREFIX, snapshot.statusCode(), project, abbreviate(snapshot.body()));
            }
            List<String> bodies = requestBodies(JSON.readTree(snapshot.body()));
            if (bodies.isEmpty()) {
                return "%sskipped: project '%s' has no online feature view nor feature service".formatted(PREFIX, project);
            }
            return run(http, servingUrl, project, authorization, bodies, requests, BOUND).message(project);
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
     * The request bodies of a project's definitions (the sections of a definition document or registry snapshot):
     * every feature of each online feature view, and each feature service (with the request data of its on-demand
     * views), each for 1 and 10 entity rows, in {@value #VARIANTS} variants of other entities.
     */
    static List<String> requestBodies(JsonNode document) {
        Definitions definitions = Definitions.of(document);
        List<ObjectNode> shapes = new ArrayList<>();
        for (JsonNode view : document.path("feature_views")) {
            List<JsonNode> keys = definitions.joinKeys(view);
            if (!view.path("online").asBoolean(true) || keys.isEmpty() || view.path("schema").isEmpty()) {
                continue;
            }
            for (int rows : ROWS) {
                for (int variant = 0; variant < VARIANTS; variant++) {
                    ObjectNode body = JSON.createObjectNode();
                    ArrayNode features = body.putArray("features");
                    view.path("schema").forEach(field -> features.add(view.path("name").asText() + ":" + field.path("name").asText()));
                    body.set("entities", columns(keys, rows, variant));
                    shapes.add(body);
                }
            }
        }
        for (JsonNode service : document.path("feature_services")) {
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            Map<String, JsonNode> requestFields = new LinkedHashMap<>();
            for (JsonNode item : service.path("features")) {
                definitions.collect(item.path("feature_view").asText(), keys, requestFields);
            }
            if (keys.isEmpty()) {
                continue;
            }
            for (int rows : ROWS) {
                for (int variant = 0; variant < VARIANTS; variant++) {
                    ObjectNode body = JSON.createObjectNode();
                    body.put("feature_service", service.path("name").asText());
                    body.put("full_feature_names", true);
                    body.set("entities", columns(List.copyOf(keys.values()), rows, variant));
                    if (!requestFields.isEmpty()) {
                        body.set("request_context", columns(List.copyOf(requestFields.values()), rows, variant));
                    }
                    shapes.add(body);
                }
            }
        }
        return shapes.stream().map(ObjectNode::toString).toList();
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
        return new Outcome(requests, sent, tally.failed.get(), tally.firstError.get(), bodies.size() / VARIANTS, took, bound, sent < requests);
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

    /** Columns of {@code rows} rows, one per field (join key or request data), of values the demo data has. */
    private static ObjectNode columns(List<JsonNode> fields, int rows, int variant) {
        ObjectNode columns = JSON.createObjectNode();
        for (int position = 0; position < fields.size(); position++) {
            JsonNode field = fields.get(position);
            String type = field.has("value_type") ? field.path("value_type").asText() : field.path("dtype").asText();
            ArrayNode column = columns.putArray(field.path("name").asText());
            for (int row = 0; row < rows; row++) {
                column.addPOJO(DemoValues.value(type, variant * 37 + row, position));
            }
        }
        return columns;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** Values of the demo data's keys by type: its drivers (INT64), customers (STRING) and zones (INT32). */
    static final class DemoValues {
        private static final DemoData.Settings DEMO = DemoData.Settings.defaults(Instant.EPOCH);

        private DemoValues() {
        }

        /**
         * @param index which value of the type
         * @param position the field's position in its request, so that two INT32 keys of one row (a route's two zones) differ
         */
        static Object value(String type, int index, int position) {
            if (type.endsWith("_LIST")) {
                return List.of(value(type.substring(0, type.length() - "_LIST".length()), index, position));
            }
            return switch (type) {
                case "INT64", "UNIX_TIMESTAMP" -> DemoData.FIRST_DRIVER_ID + index % DEMO.drivers();
                case "INT32" -> 1 + (index + position) % DEMO.zones();
                // the demo data's customer ids (DemoData: C00001 and up)
                case "STRING" -> "C%05d".formatted(1 + index % DEMO.customers());
                case "FLOAT32", "FLOAT64" -> 1.0 + index % 20;
                case "BOOL" -> index % 2 == 0;
                // base64, as JSON carries bytes
                default -> "d2FybS11cA==";
            };
        }
    }

    /** A project's definitions by name: entities' join keys, feature views, on-demand views and request sources. */
    private record Definitions(Map<String, JsonNode> entities, Map<String, JsonNode> views, Map<String, JsonNode> onDemandViews,
            Map<String, JsonNode> requestSources) {
        static Definitions of(JsonNode document) {
            return new Definitions(byName(document.path("entities")), byName(document.path("feature_views")),
                    byName(document.path("on_demand_feature_views")), byName(document.path("data_sources")));
        }

        private static Map<String, JsonNode> byName(JsonNode section) {
            Map<String, JsonNode> objects = new HashMap<>();
            section.forEach(object -> objects.put(object.path("name").asText(), object));
            return objects;
        }

        /** The join keys of a feature view's entities ({@code name}, {@code value_type}). */
        List<JsonNode> joinKeys(JsonNode view) {
            List<JsonNode> keys = new ArrayList<>();
            for (JsonNode entity : view.path("entities")) {
                entities.getOrDefault(entity.asText(), JSON.createObjectNode()).path("join_keys").forEach(keys::add);
            }
            return keys;
        }

        /** Adds the join keys and request data a feature-service item's view (feature view or on-demand view) reads. */
        void collect(String name, Map<String, JsonNode> keys, Map<String, JsonNode> requestFields) {
            if (views.containsKey(name)) {
                joinKeys(views.get(name)).forEach(key -> keys.putIfAbsent(key.path("name").asText(), key));
                return;
            }
            JsonNode onDemand = onDemandViews.get(name);
            if (onDemand == null) {
                return;
            }
            for (JsonNode source : onDemand.path("sources")) {
                JsonNode request = requestSources.get(source.asText());
                if (request != null && request.path("type").asText().equals("request")) {
                    request.path("schema").forEach(field -> requestFields.putIfAbsent(field.path("name").asText(), field));
                } else if (views.containsKey(source.asText())) {
                    joinKeys(views.get(source.asText())).forEach(key -> keys.putIfAbsent(key.path("name").asText(), key));
                }
            }
        }
    }
}
