package dev.featurestore.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test helpers: resources and an independent JSON tree (Jackson databind) to compare documents.
 */
public final class TestingJson {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private TestingJson() {
    }

    public static String resource(String name) {
        try (InputStream in = TestingJson.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return JACKSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper jackson() {
        return JACKSON;
    }
}
