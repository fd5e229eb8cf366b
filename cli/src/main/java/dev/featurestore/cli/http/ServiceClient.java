package dev.featurestore.cli.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * One service's HTTP API: JSON in and out, the API key on every request, and every failure to reach it turned into
 * one line naming the service and its URL.
 */
public final class ServiceClient {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final URI baseUrl;
    private final Supplier<String> apiKey;
    private final HttpClient http;

    public ServiceClient(String name, URI baseUrl, Supplier<String> apiKey, HttpClient http) {
        this.name = requireNonNull(name, "name is null");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.http = requireNonNull(http, "http is null");
    }

    public String name() {
        return name;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public ServiceResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ServiceResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    public ServiceResponse postJson(String path, Object body) {
        return send("POST", path, "application/json", body instanceof String text ? text : Json.write(body));
    }

    public ServiceResponse post(String path, String contentType, String body) {
        return send("POST", path, contentType, body);
    }

    /** A successful answer's JSON, or the problem as an error. */
    public JsonNode getJson(String path) {
        return get(path).requireSuccess().json();
    }

    public ServiceResponse send(String method, String path, String contentType, String body) {
        String key = apiKey.get();
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ServiceResponse(name, response.statusCode(), response.body() == null ? "" : response.body());
        }
        catch (HttpConnectTimeoutException e) {
            throw new CliException("cannot reach %s at %s: no connection within %d s".formatted(name, baseUrl, Services.CONNECT_TIMEOUT.toSeconds()), e);
        }
        catch (HttpTimeoutException e) {
            throw new CliException("%s at %s did not answer %s %s within %d s".formatted(name, baseUrl, method, path, REQUEST_TIMEOUT.toSeconds()), e);
        }
        catch (ConnectException e) {
            throw new CliException("cannot reach %s at %s: connection refused (is it running? the dev stack starts with ./devstack.sh)"
                    .formatted(name, baseUrl), e);
        }
        catch (IOException e) {
            throw new CliException("cannot reach %s at %s: %s".formatted(name, baseUrl, describe(e)), e);
        }
        catch (IllegalArgumentException e) {
            throw new CliException("cannot reach %s at %s: %s".formatted(name, baseUrl, describe(e)), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for %s".formatted(name), e);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : Json.firstLine(cause.getMessage());
    }

    /** {@code ?a=1&b=2} of the parameters that are not null, encoded; empty when none. */
    public static String query(Map<String, ?> parameters) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        joiner.setEmptyValue("");
        new LinkedHashMap<>(parameters).forEach((key, value) -> {
            if (value != null) {
                joiner.add(encode(key) + "=" + encode(String.valueOf(value)));
            }
        });
        return joiner.toString();
    }

    /** One path segment, encoded. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
