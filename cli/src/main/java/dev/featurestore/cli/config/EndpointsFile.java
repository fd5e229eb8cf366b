package dev.featurestore.cli.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dev stack's endpoints file ({@code .devstack/endpoints.json}): where its services and S3 API are, and its
 * admin key. Only the parts clients read are kept.
 *
 * @param s3 {@code endpoint}, {@code access_key}, {@code secret_key}, {@code region}, {@code bucket} as given
 */
public record EndpointsFile(Path file, Map<Service, String> services, Map<String, String> s3, Optional<String> adminKey) {
    public static final String ENVIRONMENT_VARIABLE = "FEATURESTORE_ENDPOINTS_FILE";
    static final Path DEFAULT_LOCATION = Path.of(".devstack", "endpoints.json");

    public EndpointsFile {
        requireNonNull(file, "file is null");
        services = Map.copyOf(services);
        s3 = Map.copyOf(s3);
        requireNonNull(adminKey, "adminKey is null");
    }

    /**
     * The file {@code FEATURESTORE_ENDPOINTS_FILE} names (it must exist), else {@code .devstack/endpoints.json} of the
     * working directory or its nearest parent that has one, else none.
     */
    public static Optional<EndpointsFile> find(Map<String, String> environment, Path workingDirectory) {
        String named = environment.get(ENVIRONMENT_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path file = workingDirectory.resolve(named.trim());
            if (!Files.isRegularFile(file)) {
                throw new CliException("%s: no file %s".formatted(ENVIRONMENT_VARIABLE, file));
            }
            return Optional.of(read(file));
        }
        for (Path directory = workingDirectory; directory != null; directory = directory.getParent()) {
            Path file = directory.resolve(DEFAULT_LOCATION);
            if (Files.isRegularFile(file)) {
                return Optional.of(read(file));
            }
        }
        return Optional.empty();
    }

    static EndpointsFile read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new CliException("%s: not a readable endpoints file: %s".formatted(file, Json.firstLine(e.getMessage())), e);
        }
        if (root == null || !root.isObject()) {
            throw new CliException("%s: not a readable endpoints file: expected a JSON object".formatted(file));
        }
        Map<Service, String> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            JsonNode url = root.path("services").path(service.key());
            if (url.isTextual() && !url.asText().isBlank()) {
                services.put(service, url.asText());
            }
        }
        Map<String, String> s3 = new java.util.LinkedHashMap<>();
        root.path("s3").fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                s3.put(field.getKey(), field.getValue().asText());
            }
        });
        JsonNode key = root.path("security").path("admin_key");
        return new EndpointsFile(file, services, s3,
                key.isTextual() && !key.asText().isBlank() ? Optional.of(key.asText()) : Optional.empty());
    }
}
