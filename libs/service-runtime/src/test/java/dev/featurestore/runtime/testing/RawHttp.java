package dev.featurestore.runtime.testing;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A plain JDK HTTP client for tests that look at exactly what a service answers (status, content
 * type, raw body), without Micronaut's client turning error statuses into exceptions.
 */
public final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final JsonMapper jsonMapper;
    private final String credential;

    /** A client that sends the test admin key ({@link TestCredentials#ADMIN_KEY}). */
    public RawHttp(URI base, JsonMapper jsonMapper) {
        this(base, jsonMapper, TestCredentials.ADMIN_KEY);
    }

    /**
     * A client that sends {@code credential} as a bearer token, or nothing when it is null.
     */
    public RawHttp(URI base, JsonMapper jsonMapper, String credential) {
        this.base = requireNonNull(base, "base is null");
        this.jsonMapper = requireNonNull(jsonMapper, "jsonMapper is null");
        this.credential = credential;
    }

    /** The same server, with another credential (null: none). */
    public RawHttp as(String otherCredential) {
        return new RawHttp(base, jsonMapper, otherCredential);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Answer send(HttpRequest.Builder request) {
        if (credential != null) {
            request.setHeader("Authorization", "Bearer " + credential);
        }
        try {
            HttpResponse<String> response = CLIENT.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type"),
                    response.headers().firstValue("X-Request-Id"), response.body(), jsonMapper, response.headers());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: status, headers of interest and the body, raw and as JSON, and every header. */
    public record Answer(int status, Optional<String> contentType, Optional<String> requestId, String body, JsonMapper jsonMapper,
            java.net.http.HttpHeaders headers) {
        /** The first value of a header, if the answer has it. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public Map<String, Object> json() {
            try {
                return jsonMapper.readValue(body, Argument.mapOf(String.class, Object.class));
            }
            catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The body's JSON at a dotted path of object keys, e.g. {@code details.kafka.status}. */
        public Object at(String path) {
            Object current = json();
            for (String key : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(key);
            }
            return current;
        }
    }
}
