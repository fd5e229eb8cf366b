package dev.featurestore.contracts.definition;

import dev.featurestore.contracts.json.ContractsJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.featurestore.contracts.testing.TestingJson.resource;
import static dev.featurestore.contracts.testing.TestingJson.tree;
import static org.assertj.core.api.Assertions.assertThat;

class DefinitionDocumentJsonTest {
    @Test
    void designExampleRoundTripsUnchanged() throws IOException {
        String json = resource("definitions/design-example.json");
        DefinitionDocument document = ContractsJson.mapper().readValue(json, DefinitionDocument.class);
        String written = ContractsJson.mapper().writeValueAsString(document);
        System.out.println(written);
        assertThat(tree(written)).isEqualTo(tree(json));
    }
}
