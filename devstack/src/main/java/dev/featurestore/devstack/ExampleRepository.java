package dev.featurestore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.contracts.repository.FeatureRepository;
import dev.featurestore.contracts.repository.LoadedRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Applies the example feature repository ({@code examples/feature_repo}) to the registry on the first
 * start of a data directory, so a new user has definitions to look at. A marker file in the data
 * directory records that it was applied; delete it (or the data directory) to apply again.
 */
final class ExampleRepository {
    static final String MARKER = "example-applied";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ExampleRepository() {
    }

    /**
     * Outcome of the attempt, one line for the console.
     *
     * @param onlineViews how many feature views of the applied repository are served online (0 when not applied)
     */
    record Outcome(boolean applied, String message, int onlineViews) {
        Outcome(boolean applied, String message) {
            this(applied, message, 0);
        }
    }

    static Outcome applyOnFirstStart(Path repository, String project, Path dataDirectory, String registryUrl, String authorization) {
        Path marker = dataDirectory.resolve(MARKER);
        if (Files.exists(marker)) {
            return new Outcome(false, "Example repository already applied to project '%s' (delete %s to apply it again)."
                    .formatted(project, marker));
        }
        LoadedRepository loaded = FeatureRepository.load(repository);
        HttpResponse<String> response = post(registryUrl + "/v1/projects/" + project + "/apply", loaded.json(), authorization);
        if (response.statusCode() != 200) {
            return new Outcome(false, "Applying the example repository %s to project '%s' failed: HTTP %d%n%s"
                    .formatted(repository, project, response.statusCode(), describeProblem(response.body(), loaded)));
        }
        try {
            JsonNode result = JSON.readTree(response.body());
            Files.writeString(marker, "project=%s%nregistry_version=%s%n".formatted(project, result.path("registry_version").asText()));
            int online = 0;
            for (JsonNode view : JSON.readTree(loaded.json()).path("feature_views")) {
                if (view.path("online").asBoolean(true)) {
                    online++;
                }
            }
            return new Outcome(true, "Applied the example repository %s to project '%s': %d objects, registry version %s."
                    .formatted(repository, project, result.path("changes").size(), result.path("registry_version").asText()), online);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot record that the example repository was applied", e);
        }
    }

    /** The problem's detail and each error, with paths located in the repository's files. */
    private static String describeProblem(String body, LoadedRepository loaded) {
        try {
            JsonNode problem = JSON.readTree(body);
            StringBuilder text = new StringBuilder("  ").append(problem.path("detail").asText(body));
            for (JsonNode error : problem.path("errors")) {
                text.append("%n    %s: %s".formatted(loaded.locate(error.path("path").asText()), error.path("message").asText()));
            }
            return text.toString();
        }
        catch (IOException e) {
            return "  " + body;
        }
    }

    private static HttpResponse<String> post(String url, String json, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the registry at " + url, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while applying the example repository", e);
        }
    }
}
