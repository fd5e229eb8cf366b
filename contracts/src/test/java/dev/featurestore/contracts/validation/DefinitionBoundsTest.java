package dev.featurestore.contracts.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionBoundsTest {
    private static final String VIEW = "{'name': 'hourly', 'entities': [], 'source': 'stats', 'schema': [{'name': 'conv_rate', 'dtype': 'FLOAT64'}]%s}";
    private static final String PARQUET = "{'name': 'stats', 'type': 'parquet', 'path': 's3://bucket/stats/', 'timestamp_field': 'ts'}";

    private static List<String> errors(String json) {
        return DefinitionDocuments.parse(json.replace('\'', '"')).messages();
    }

    private static String view(String extraFields) {
        return "{'data_sources': [%s], 'feature_views': [%s]}".formatted(PARQUET, VIEW.formatted(extraFields));
    }

    @Test
    void refusesAMegabyteNameQuotingOnlyItsStart() {
        String name = "a".repeat(1_000_000);

        List<String> errors = errors("{'entities': [{'name': '%s', 'join_keys': [{'name': 'id', 'value_type': 'INT64'}]}]}".formatted(name));

        assertThat(errors).containsExactly("entities[0].name: '%s... (1000000 characters)' is 1000000 characters, at most 128".formatted("a".repeat(40)));
    }

    @Test
    void acceptsNamesOfTheMaximumLength() {
        assertThat(errors("{'entities': [{'name': '%s', 'join_keys': [{'name': 'id', 'value_type': 'INT64'}]}]}".formatted("a".repeat(128)))).isEmpty();
    }

    @Test
    void refusesNulAndControlCharactersInEveryStringAllowingLineBreaksInFreeText() {
        String document = view(", 'description': 'line one\\nline two\\tend', 'owner': 'ml\\u0000@example.com', 'tags': {'team\\u0001': 'x', 'y': 'z\\u007f'}")
                .replace("'stats', 'type'", "'stats', 'description': 'bad\\u0000', 'type'");

        assertThat(errors(document)).containsExactly(
                "data_sources[0].description: contains the control character U+0000 at 3",
                "feature_views[0].owner: contains the control character U+0000 at 2",
                "feature_views[0].tags[\"team\\u0001\"]: the key contains the control character U+0001 at 4",
                "feature_views[0].tags.y: contains the control character U+007F at 1");
    }

    @Test
    void boundsTextsTagsAndLists() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            tags.append(i == 0 ? "" : ", ").append("'t%d': 'v'".formatted(i));
        }
        assertThat(errors(view(", 'description': '%s', 'tags': {%s}".formatted("d".repeat(4097), tags)))).containsExactly(
                "feature_views[0].description: is 4097 characters, at most 4096",
                "feature_views[0].tags: has 65 entries, at most 64");
        assertThat(errors(view(", 'owner': '%s', 'tags': {'%s': '%s'}".formatted("o".repeat(257), "k".repeat(129), "v".repeat(513))))).containsExactly(
                "feature_views[0].owner: is 257 characters, at most 256",
                "feature_views[0].tags[\"%s... (129 characters)\"]: the key is 129 characters, at most 128".formatted("k".repeat(40)),
                "feature_views[0].tags[\"%s... (129 characters)\"]: is 513 characters, at most 512".formatted("k".repeat(40)));
        StringBuilder entities = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            entities.append(i == 0 ? "" : ", ").append("'e%d'".formatted(i));
        }
        assertThat(errors(view("").replace("'entities': []", "'entities': [%s]".formatted(entities))))
                .first().isEqualTo("feature_views[0].entities: has 17 items, at most 16");
    }

    @Test
    void refusesDurationsOverTenYearsAndIntervalsUnderOneSecond() {
        assertThat(errors(view(", 'ttl': '9223372036854775807s', 'freshness_sla': 'PT87601H', 'materialization_interval': '500ms'"))).containsExactly(
                "feature_views[0].ttl: '9223372036854775807s' is more than the maximum of 3650d (10 years)",
                "feature_views[0].freshness_sla: 'PT87601H' is more than the maximum of 3650d (10 years)",
                "feature_views[0].materialization_interval: '500ms' is less than the minimum of 1s");
        assertThat(errors(view(", 'ttl': '3650d', 'freshness_sla': '1s', 'materialization_interval': 'PT87600H'"))).isEmpty();
    }

    @Test
    void refusesDurationsThatOverflowAsNotDurations() {
        assertThat(errors(view(", 'ttl': '99999999999999999999s', 'freshness_sla': 'PT9999999999999999999H'"))).containsExactly(
                "feature_views[0].ttl: '99999999999999999999s' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')",
                "feature_views[0].freshness_sla: 'PT9999999999999999999H' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')");
    }

    @Test
    void storedDefinitionsAreValidatedWithoutTheBounds() {
        DefinitionDocument stored = new DefinitionDocument(
                List.of(new Entity("d".repeat(300), List.of(new JoinKey("id", ValueType.INT64)))), null, null, null, null);

        assertThat(DefinitionDocuments.validate(stored)).extracting(ValidationError::path).containsExactly("entities[0].name");
        assertThat(DefinitionDocuments.validateStored(stored)).isEmpty();
    }

    @Test
    void quotesAShortPrefixOfAnUnknownReference() {
        String reference = "r".repeat(100);

        assertThat(errors(view("").replace("'source': 'stats'", "'source': '%s'".formatted(reference)))).containsExactly(
                "feature_views[0].source: unknown data source '%s... (100 characters)'".formatted("r".repeat(40)));
    }
}
