package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.json.ContractsJson;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET {registry}/v1/projects/{project}/registry}, conditional on the last ETag.
 */
final class SnapshotFetcher {
    static final String PROJECT_NOT_FOUND_CODE = "PROJECT_NOT_FOUND";
    private static final int MAX_DETAIL_LENGTH = 300;

    /** What the registry answered. */
    sealed interface Answer permits Modified, NotModified, ProjectNotFound {
    }

    record Modified(RegistrySnapshot snapshot, Optional<String> etag) implements Answer {
    }

    record NotModified() implements Answer {
    }

    record ProjectNotFound(String detail) implements Answer {
    }

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Optional<String> credential;

    SnapshotFetcher(URI baseUrl, Duration timeout, Optional<String> credential) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.credential = requireNonNull(credential, "credential is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    Answer fetch(String project, Optional<String> etag) {
        URI uri = snapshotUri(project);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        credential.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new RegistryUnavailableException("Cannot read the registry of project '%s' at %s: %s".formatted(project, uri, e), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while reading the registry of project '%s' at %s".formatted(project, uri), e);
        }
        int status = response.statusCode();
        if (status == 200) {
            RegistrySnapshot snapshot = parse(project, uri, response.body());
            return new Modified(snapshot, response.headers().firstValue("ETag"));
        }
        if (status == 304) {
            return new NotModified();
        }
        Optional<JsonNode> problem = problem(response.body());
        String code = problem.map(node -> text(node, "code")).orElse("");
        String detail = problem.map(node -> text(node, "detail")).filter(text -> !text.isEmpty())
                .orElseGet(() -> abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
        if (status == 404 && PROJECT_NOT_FOUND_CODE.equals(code)) {
            return new ProjectNotFound(detail);
        }
        throw new RegistryUnavailableException("The registry answered %d to GET %s%s".formatted(status, uri,
                detail.isEmpty() ? "" : ": " + detail));
    }

    URI snapshotUri(String project) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String segment = URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create("%s/v1/projects/%s/registry".formatted(base, segment));
    }

    private static RegistrySnapshot parse(String project, URI uri, byte[] body) {
        RegistrySnapshot snapshot;
        try {
            snapshot = ContractsJson.mapper().readValue(body, Argument.of(RegistrySnapshot.class));
        }
        catch (IOException | RuntimeException e) {
            throw new RegistryUnavailableException("The registry's answer to GET %s is not a registry snapshot: %s".formatted(uri, e.getMessage()), e);
        }
        if (snapshot == null || !project.equals(snapshot.project())) {
            throw new RegistryUnavailableException("The registry answered GET %s with the snapshot of project '%s'".formatted(
                    uri, snapshot == null ? null : snapshot.project()));
        }
        return snapshot;
    }

    private static Optional<JsonNode> problem(byte[] body) {
        try {
            JsonNode node = ContractsJson.mapper().readValue(body, Argument.of(JsonNode.class));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : "";
    }

    private static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() <= MAX_DETAIL_LENGTH ? stripped : stripped.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
