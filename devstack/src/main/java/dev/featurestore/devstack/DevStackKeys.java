package dev.featurestore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.contracts.access.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dev stack's API keys: an admin of every project (for people and the README's curls) and the services' own key,
 * made on the first start and kept in {@code keys.json} of the data directory (readable by its owner only), so they
 * stay the same across restarts. Delete the file (with the data directory) for new ones.
 */
record DevStackKeys(String adminKey, String serviceKey) {
    static final String FILE = "keys.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static DevStackKeys loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                JsonNode keys = JSON.readTree(file.toFile());
                String admin = keys.path("admin_key").asText("");
                String service = keys.path("service_key").asText("");
                if (ApiKeys.parse(admin).isPresent() && ApiKeys.parse(service).isPresent()) {
                    return new DevStackKeys(admin, service);
                }
            }
            DevStackKeys keys = new DevStackKeys(ApiKeys.generate().key(), ApiKeys.generate().key());
            Files.createDirectories(dataDirectory);
            Path temporary = Files.createTempFile(dataDirectory, FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Map<String, String> document = new LinkedHashMap<>();
            document.put("admin_key", keys.adminKey());
            document.put("service_key", keys.serviceKey());
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), document);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return keys;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the dev stack's API keys in " + file, e);
        }
    }

    /** The properties that give every service these keys. */
    Map<String, Object> properties() {
        return Map.of("featurestore.security.admin-key", adminKey, "featurestore.security.service-key", serviceKey);
    }

    /** The {@code Authorization} header value of the admin key. */
    String adminBearer() {
        return "Bearer " + adminKey;
    }

    @Override
    public String toString() {
        return "DevStackKeys[admin key %s..., service key %s...]".formatted(adminKey.substring(0, 16), serviceKey.substring(0, 16));
    }
}
