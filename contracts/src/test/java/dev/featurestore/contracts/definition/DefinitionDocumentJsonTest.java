package dev.featurestore.contracts.definition;

import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.DefinitionParseResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.featurestore.contracts.testing.TestingJson.resource;
import static dev.featurestore.contracts.testing.TestingJson.tree;
import static org.assertj.core.api.Assertions.assertThat;

class DefinitionDocumentJsonTest {
    private static final String DESIGN_EXAMPLE = resource("definitions/design-example.json");

    @Test
    void designExampleParsesAndValidatesClean() {
        DefinitionParseResult result = DefinitionDocuments.parse(DESIGN_EXAMPLE);

        assertThat(result.errors()).isEmpty();
        DefinitionDocument document = result.document();
        assertThat(DefinitionDocuments.validate(document)).isEmpty();
        assertThat(document.entitiesOrEmpty()).containsExactly(new Entity("driver", List.of(new JoinKey("driver_id", ValueType.INT64)),
                "A driver", "ml@example.com", Map.of("team", "dispatch")));
        assertThat(document.dataSourcesOrEmpty()).extracting(DataSource::sourceType)
                .containsExactly(SourceType.PARQUET, SourceType.PUSH, SourceType.KAFKA, SourceType.REQUEST);
        assertThat(document.dataSourcesOrEmpty().get(0)).isEqualTo(new ParquetSource("driver_stats_src", "s3://features/driver_stats/",
                "event_timestamp", "created", Map.of("conv", "conv_rate"), null, null, null));
        FeatureView view = document.featureViewsOrEmpty().get(0);
        assertThat(view.ttl().duration()).hasHours(48);
        assertThat(view.freshnessSla().duration()).hasHours(26);
        assertThat(view.featureNames()).containsExactly("conv_rate", "trips_today");
        assertThat(view.tags()).isEmpty();
        assertThat(document.onDemandFeatureViewsOrEmpty().get(0).expressions())
                .containsEntry("quote", "ride_request.distance_km * 1.2 + driver_hourly.conv_rate");
        assertThat(document.featureServicesOrEmpty().get(0).features())
                .containsExactly(new FeatureServiceItem("driver_hourly", List.of("conv_rate")), FeatureServiceItem.allFeaturesOf("ride_quote"));
    }

    @Test
    void designExampleRoundTripsUnchanged() {
        DefinitionDocument document = DefinitionDocuments.parse(DESIGN_EXAMPLE).document();

        assertThat(tree(DefinitionDocuments.toJson(document))).isEqualTo(tree(DESIGN_EXAMPLE));
    }

    @Test
    void absentOptionalFieldsStayAbsentAndEmptyOnesStayEmpty() {
        String json = """
                {"feature_views": [{"name": "v", "entities": [], "source": "s", "schema": [{"name": "f", "dtype": "INT64"}], "tags": {}}],
                 "data_sources": [{"name": "s", "type": "parquet", "path": "file:///tmp/s/", "timestamp_field": "ts", "field_mapping": {}}],
                 "feature_services": [{"name": "fs", "features": [{"feature_view": "v"}]}]}
                """;
        DefinitionDocument document = DefinitionDocuments.parse(json).document();

        assertThat(document.entities()).isNull();
        assertThat(document.featureViewsOrEmpty().get(0).ttl()).isNull();
        assertThat(document.featureViewsOrEmpty().get(0).servedOnline()).isTrue();
        assertThat(tree(DefinitionDocuments.toJson(document))).isEqualTo(tree(json));
    }

    @Test
    void durationsKeepTheTextTheyWereWrittenIn() {
        String json = """
                {"feature_views": [{"name": "v", "entities": [], "source": "s", "ttl": "PT6H", "freshness_sla": "90m",
                  "materialization_interval": "1h30m", "schema": [{"name": "f", "dtype": "INT64"}]}],
                 "data_sources": [{"name": "s", "type": "parquet", "path": "s3://b/s/", "timestamp_field": "ts"}]}
                """;
        DefinitionDocument document = DefinitionDocuments.parse(json).document();

        FeatureView view = document.featureViewsOrEmpty().get(0);
        assertThat(view.freshnessSla().duration()).isEqualTo(view.materializationInterval().duration());
        assertThat(tree(DefinitionDocuments.toJson(document))).isEqualTo(tree(json));
    }

    @Test
    void documentBuiltInCodeSerializesWithSnakeCaseAndTypeDiscriminator() {
        DefinitionDocument document = new DefinitionDocument(null,
                List.of(new KafkaSource("events", "driver-events", "json", "event_timestamp", "stats")),
                null, null, null);

        assertThat(tree(DefinitionDocuments.toJson(document))).isEqualTo(tree("""
                {"data_sources": [{"name": "events", "type": "kafka", "topic": "driver-events", "format": "json",
                  "timestamp_field": "event_timestamp", "batch_source": "stats"}]}
                """));
    }
}
