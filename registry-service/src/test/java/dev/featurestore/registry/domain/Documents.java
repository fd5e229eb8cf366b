package dev.featurestore.registry.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Definition documents of the tests, from {@code src/test/resources/documents}. */
public final class Documents {
    private Documents() {
    }

    /** The example definition document (docs/architecture.md, "Definitions"). */
    public static String designExample() {
        return read("design-example.json");
    }

    /**
     * The example definition document with one piece of text replaced.
     *
     * @throws IllegalArgumentException when the text is not in the document
     */
    public static String designExampleWith(String text, String replacement) {
        String document = designExample();
        if (!document.contains(text)) {
            throw new IllegalArgumentException("'%s' is not in the example".formatted(text));
        }
        return document.replace(text, replacement);
    }

    public static String read(String name) {
        try (InputStream in = Documents.class.getResourceAsStream("/documents/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no document " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
