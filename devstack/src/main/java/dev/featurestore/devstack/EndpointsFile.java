package dev.featurestore.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes {@code .devstack/endpoints.json}, the file clients read to find the dev stack (docs/architecture.md, "The dev stack"). */
public final class EndpointsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EndpointsFile() {
    }

    public static Map<String, Object> describe(TestStack stack, Map<ServiceKind, Integer> servicePorts, int servingGrpcPort, String adminKey) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kafka", Map.of("bootstrap_servers", stack.kafka().bootstrapServers()));
        document.put("postgres", orderedMap(
                "jdbc_url", stack.postgres().jdbcUrl(),
                "user", stack.postgres().user(),
                "password", stack.postgres().password()));
        document.put("redis", Map.of("uri", stack.redis().uri()));
        document.put("s3", orderedMap(
                "endpoint", stack.s3().endpoint(),
                "access_key", stack.s3().accessKey(),
                "secret_key", stack.s3().secretKey(),
                "region", stack.s3().region(),
                "bucket", stack.s3().bucket()));
        Map<String, Object> services = new LinkedHashMap<>();
        for (ServiceKind kind : ServiceKind.values()) {
            services.put(kind.shortName(), "http://127.0.0.1:" + servicePorts.get(kind));
        }
        document.put("services", services);
        // gRPC targets (host:port, plaintext): serving's Feast ServingService
        document.put("grpc", Map.of("serving", "127.0.0.1:" + servingGrpcPort));
        document.put("security", orderedMap(
                "admin_key", adminKey,
                "header", "Authorization: Bearer " + adminKey));
        return document;
    }

    /** Writes the file atomically (temporary file, then rename), so a reader never sees half of it. */
    public static void write(Path file, Map<String, Object> document) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), document);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
