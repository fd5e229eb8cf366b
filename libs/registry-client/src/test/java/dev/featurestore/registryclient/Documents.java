package dev.featurestore.registryclient;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.ContractsJson;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Definition documents and snapshots for the tests. */
final class Documents {
    private Documents() {
    }

    /** The example definition document (docs/architecture.md, "Definitions"), plus a composite-key entity, a kafka-fed view, a parquet-fed view and an on-demand view over another. */
    static DefinitionDocument dispatch() {
        return resource("/documents/dispatch.json");
    }

    static RegistrySnapshot snapshot(String project, long registryVersion, DefinitionDocument document) {
        return RegistrySnapshot.of(project, registryVersion, document);
    }

    static RegistrySnapshot dispatchSnapshot(String project, long registryVersion) {
        return snapshot(project, registryVersion, dispatch());
    }

    /** The document with one more feature view {@code name} (entity driver, source driver_push). */
    static DefinitionDocument withFeatureView(DefinitionDocument document, String name) {
        List<FeatureView> views = new ArrayList<>(document.featureViewsOrEmpty());
        views.add(new FeatureView(name, List.of("driver"), "driver_push", List.of(new Field("rating", ValueType.FLOAT64))));
        return new DefinitionDocument(document.entities(), document.dataSources(), views, document.onDemandFeatureViews(),
                document.featureServices());
    }

    static DefinitionDocument resource(String path) {
        try (InputStream in = Documents.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return ContractsJson.mapper().readValue(in.readAllBytes(), Argument.of(DefinitionDocument.class));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        try {
            return ContractsJson.mapper().writeValueAsString(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
