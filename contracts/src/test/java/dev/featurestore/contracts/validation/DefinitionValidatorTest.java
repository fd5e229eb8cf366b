package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureServiceItem;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.contracts.definition.ValueType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionValidatorTest {
    private static final String ENTITY = "{'name': 'driver', 'join_keys': [{'name': 'driver_id', 'value_type': 'INT64'}]}";
    private static final String PARQUET = "{'name': 'stats', 'type': 'parquet', 'path': 's3://bucket/stats/', 'timestamp_field': 'ts'}";
    private static final String REQUEST = "{'name': 'ride', 'type': 'request', 'schema': [{'name': 'distance_km', 'dtype': 'FLOAT64'}]}";
    private static final String VIEW = "{'name': 'hourly', 'entities': ['driver'], 'source': 'stats', 'schema': [{'name': 'conv_rate', 'dtype': 'FLOAT64'}]}";

    /**
     * Parses a document written with single quotes (turned into double quotes) and returns its errors.
     */
    private static List<String> errors(String json) {
        return DefinitionDocuments.parse(json.replace('\'', '"')).messages();
    }

    private static List<String> errors(String json, ExistingObjects existing) {
        return DefinitionDocuments.parse(json.replace('\'', '"'), existing).messages();
    }

    private static String document(String entities, String dataSources, String featureViews) {
        return "{'entities': [%s], 'data_sources': [%s], 'feature_views': [%s]}".formatted(entities, dataSources, featureViews);
    }

    @Test
    void acceptsEmptyDocument() {
        assertThat(errors("{}")).isEmpty();
    }

    @Test
    void acceptsSmallValidDocument() {
        assertThat(errors(document(ENTITY, PARQUET + ", " + REQUEST, VIEW))).isEmpty();
    }

    @Test
    void reportsInvalidJsonWithItsLocation() {
        assertThat(errors("{'entities': [}")).singleElement().asString()
                .startsWith("document: invalid JSON at line 1, column 15: Unexpected close marker '}'");
        assertThat(errors("  ")).containsExactly("document: invalid JSON: the document is empty");
    }

    @Test
    void rejectsDocumentThatIsNotAnObject() {
        assertThat(errors("[]")).containsExactly("document: expected an object, got an array");
        assertThat(errors("'entities'")).containsExactly("document: expected an object, got string 'entities'");
    }

    @Test
    void rejectsUnknownSectionSuggestingTheClosestOne() {
        assertThat(errors("{'feature_view': [], 'models': []}")).containsExactly(
                "feature_view: unknown field (did you mean 'feature_views'?)",
                "models: unknown field (expected one of entities, data_sources, feature_views, on_demand_feature_views, feature_services)");
    }

    @Test
    void rejectsSectionThatIsNotAnArrayOfObjects() {
        assertThat(errors("{'entities': {}, 'feature_views': ['hourly']}")).containsExactly(
                "entities: expected an array, got an object",
                "feature_views[0]: expected an object, got string 'hourly'");
    }

    @Test
    void rejectsNamesNotMatchingThePattern() {
        assertThat(errors("{'entities': [{'name': 'Driver', 'join_keys': [{'name': 'driver-id', 'value_type': 'INT64'}]}],"
                + " 'data_sources': [{'name': '1src', 'type': 'request', 'schema': [{'name': '_x', 'dtype': 'BOOL'}]}]}")).containsExactly(
                "entities[0].name: 'Driver' is not a valid name (expected [a-z][a-z0-9_]*)",
                "entities[0].join_keys[0].name: 'driver-id' is not a valid name (expected [a-z][a-z0-9_]*)",
                "data_sources[0].name: '1src' is not a valid name (expected [a-z][a-z0-9_]*)",
                "data_sources[0].schema[0].name: '_x' is not a valid name (expected [a-z][a-z0-9_]*)");
    }

    @Test
    void rejectsMisspelledFieldSuggestingTheClosestOne() {
        assertThat(errors(document(ENTITY, "{'name': 'stats', 'type': 'parquet', 'path': 's3://b/', 'timestamp_feild': 'ts'}", ""))).containsExactly(
                "data_sources[0].timestamp_feild: unknown field (did you mean 'timestamp_field'?)",
                "data_sources[0].timestamp_field: is required for a parquet source");
    }

    @Test
    void rejectsUnknownFieldListingTheKnownOnes() {
        assertThat(errors("{'entities': [{'name': 'driver', 'join_keys': [{'name': 'id', 'value_type': 'INT64', 'nullable': true}]}]}")).containsExactly(
                "entities[0].join_keys[0].nullable: unknown field (expected one of name, value_type)");
    }

    @Test
    void rejectsValuesOfTheWrongJsonType() {
        String view = "{'name': 'hourly', 'entities': 'driver', 'source': 7, 'online': 'yes', 'schema': [{'name': 'conv_rate', 'dtype': 'FLOAT64'}],"
                + " 'description': null, 'tags': {'team': 1}}";
        assertThat(errors(document(ENTITY, PARQUET, view))).containsExactly(
                "feature_views[0].entities: expected an array, got string 'driver'",
                "feature_views[0].source: expected a string, got number 7",
                "feature_views[0].online: expected a boolean, got string 'yes'",
                "feature_views[0].description: expected a string, got null",
                "feature_views[0].tags.team: expected a string, got number 1");
    }

    @Test
    void rejectsUnknownValueTypes() {
        String view = "{'name': 'hourly', 'entities': ['driver'], 'source': 'stats', 'schema': [{'name': 'conv_rate', 'dtype': 'FLOAT'},"
                + " {'name': 'trips', 'dtype': 64}]}";
        assertThat(errors(document("{'name': 'driver', 'join_keys': [{'name': 'driver_id', 'value_type': 'int64'}]}", PARQUET, view))).containsExactly(
                "entities[0].join_keys[0].value_type: unknown type 'int64' (expected one of BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES,"
                        + " UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST)",
                "feature_views[0].schema[0].dtype: unknown type 'FLOAT' (expected one of BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES,"
                        + " UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST)",
                "feature_views[0].schema[1].dtype: expected a type name, got number 64");
    }

    @Test
    void rejectsMissingRequiredFields() {
        assertThat(errors("{'entities': [{'name': 'driver'}], 'feature_views': [{'name': 'hourly', 'entities': []}],"
                + " 'feature_services': [{'features': [{'features': ['a']}]}]}")).containsExactly(
                "entities[0].join_keys: is required",
                "feature_views[0].source: is required",
                "feature_views[0].schema: is required",
                "feature_services[0].features[0].feature_view: is required",
                "feature_services[0].name: is required");
    }

    @Test
    void rejectsEmptyListsWhereOneItemIsNeeded() {
        assertThat(errors(document("{'name': 'driver', 'join_keys': []}", PARQUET,
                "{'name': 'hourly', 'entities': [], 'source': 'stats', 'schema': []}"))).containsExactly(
                "entities[0].join_keys: must not be empty",
                "feature_views[0].schema: must not be empty");
    }

    @Test
    void requiresTimestampFieldOnParquetAndKafkaSources() {
        assertThat(errors(document("", PARQUET.replace(", 'timestamp_field': 'ts'", "")
                + ", {'name': 'events', 'type': 'kafka', 'topic': 'events', 'format': 'json', 'batch_source': 'stats'}", ""))).containsExactly(
                "data_sources[0].timestamp_field: is required for a parquet source",
                "data_sources[1].timestamp_field: is required for a kafka source");
    }

    @Test
    void requiresTheFieldsOfEachSourceType() {
        assertThat(errors(document("", "{'name': 'a', 'type': 'parquet'}, {'name': 'b', 'type': 'push'},"
                + " {'name': 'c', 'type': 'kafka'}, {'name': 'd', 'type': 'request'}, {'name': 'e', 'path': 's3://x/'}", ""))).containsExactly(
                "data_sources[0].path: is required for a parquet source",
                "data_sources[0].timestamp_field: is required for a parquet source",
                "data_sources[1].batch_source: is required for a push source",
                "data_sources[2].topic: is required for a kafka source",
                "data_sources[2].format: is required for a kafka source",
                "data_sources[2].timestamp_field: is required for a kafka source",
                "data_sources[2].batch_source: is required for a kafka source",
                "data_sources[3].schema: is required for a request source",
                "data_sources[4].type: is required");
    }

    @Test
    void rejectsFieldsThatBelongToAnotherSourceType() {
        assertThat(errors(document("", PARQUET + ", {'name': 'p', 'type': 'push', 'batch_source': 'stats', 'topic': 'x'}", ""))).containsExactly(
                "data_sources[1].topic: unknown field (expected one of name, type, description, owner, tags, batch_source)");
    }

    @Test
    void rejectsUnknownSourceTypeAndKafkaFormat() {
        assertThat(errors(document("", PARQUET + ", {'name': 'csv_files', 'type': 'csv', 'path': 'x'},"
                + " {'name': 'events', 'type': 'kafka', 'topic': 'events', 'format': 'avro', 'timestamp_field': 'ts', 'batch_source': 'stats'}", "")))
                .containsExactly(
                        "data_sources[1].type: unknown source type 'csv' (expected one of parquet, push, kafka, request)",
                        "data_sources[2].format: unknown format 'avro' (expected one of json)");
    }

    @Test
    void rejectsBlankStrings() {
        assertThat(errors(document("", "{'name': 'stats', 'type': 'parquet', 'path': ' ', 'timestamp_field': ''}", ""))).containsExactly(
                "data_sources[0].path: must not be blank",
                "data_sources[0].timestamp_field: must not be blank");
    }

    @Test
    void rejectsDuplicateNamesOfEachKind() {
        String service = "{'name': 'svc', 'features': [{'feature_view': 'hourly'}]}";
        assertThat(errors("{'entities': [%s, %s], 'data_sources': [%s, %s], 'feature_views': [%s, %s], 'feature_services': [%s, %s]}"
                .formatted(ENTITY, ENTITY, PARQUET, PARQUET, VIEW, VIEW, service, service))).containsExactly(
                "entities[1].name: duplicate name 'driver' (first at entities[0])",
                "data_sources[1].name: duplicate name 'stats' (first at data_sources[0])",
                "feature_views[1].name: duplicate name 'hourly' (first at feature_views[0])",
                "feature_services[1].name: duplicate name 'svc' (first at feature_services[0])");
    }

    @Test
    void rejectsOnDemandViewNamedLikeAFeatureView() {
        String onDemand = "{'name': 'hourly', 'sources': ['ride'], 'schema': [{'name': 'quote', 'dtype': 'FLOAT64'}],"
                + " 'expressions': {'quote': 'ride.distance_km'}}";
        assertThat(errors("{'entities': [%s], 'data_sources': [%s, %s], 'feature_views': [%s], 'on_demand_feature_views': [%s]}"
                .formatted(ENTITY, PARQUET, REQUEST, VIEW, onDemand))).containsExactly(
                "on_demand_feature_views[0].name: duplicate name 'hourly' (first at feature_views[0];"
                        + " feature views and on-demand feature views share one namespace)");
    }

    @Test
    void rejectsDuplicateFieldAndJoinKeyNames() {
        String entity = "{'name': 'trip', 'join_keys': [{'name': 'id', 'value_type': 'INT64'}, {'name': 'id', 'value_type': 'STRING'}]}";
        String view = "{'name': 'hourly', 'entities': ['driver'], 'source': 'stats', 'schema': [{'name': 'conv_rate', 'dtype': 'FLOAT64'},"
                + " {'name': 'trips', 'dtype': 'INT64'}, {'name': 'conv_rate', 'dtype': 'FLOAT32'}]}";
        assertThat(errors(document(ENTITY + ", " + entity, PARQUET, view))).containsExactly(
                "entities[1].join_keys[1].name: duplicate join key 'id' (first at entities[1].join_keys[0])",
                "feature_views[0].schema[2].name: duplicate field name 'conv_rate' (first at feature_views[0].schema[0])");
    }

    @Test
    void requiresBatchSourceToExistAndBeParquet() {
        assertThat(errors(document("", PARQUET + ", " + REQUEST + ", {'name': 'p1', 'type': 'push', 'batch_source': 'missing'},"
                + " {'name': 'p2', 'type': 'push', 'batch_source': 'p1'},"
                + " {'name': 'k', 'type': 'kafka', 'topic': 't', 'format': 'json', 'timestamp_field': 'ts', 'batch_source': 'ride'}", ""))).containsExactly(
                "data_sources[2].batch_source: unknown data source 'missing'",
                "data_sources[3].batch_source: 'p1' is a push source (a batch_source must be a parquet source)",
                "data_sources[4].batch_source: 'ride' is a request source (a batch_source must be a parquet source)");
    }

    @Test
    void requiresFeatureViewSourceToExistAndNotBeARequestSource() {
        assertThat(errors(document(ENTITY, PARQUET + ", " + REQUEST, VIEW.replace("'stats'", "'ride'") + ", "
                + VIEW.replace("'hourly'", "'daily'").replace("'stats'", "'nowhere'")))).containsExactly(
                "feature_views[0].source: 'ride' is a request source (a feature view's source must be a parquet, push or kafka source)",
                "feature_views[1].source: unknown data source 'nowhere'");
    }

    @Test
    void requiresEntitiesToExist() {
        assertThat(errors(document(ENTITY, PARQUET, VIEW.replace("['driver']", "['driver', 'rider', 'driver']")))).containsExactly(
                "feature_views[0].entities[1]: unknown entity 'rider'",
                "feature_views[0].entities[2]: duplicate entity 'driver' (first at feature_views[0].entities[0])");
    }

    @Test
    void requiresDurationsToParseAndBeInRange() {
        String views = VIEW.replace("'schema'", "'ttl': '2 days', 'freshness_sla': '0', 'materialization_interval': 'PT0S', 'schema'") + ", "
                + VIEW.replace("'hourly'", "'daily'").replace("'schema'", "'ttl': '-PT1H', 'freshness_sla': 26, 'materialization_interval': '5x', 'schema'") + ", "
                + VIEW.replace("'hourly'", "'weekly'").replace("'schema'", "'ttl': '0', 'freshness_sla': '1h30m', 'materialization_interval': 'PT6H', 'schema'");
        assertThat(errors(document(ENTITY, PARQUET, views))).containsExactly(
                "feature_views[0].ttl: '2 days' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')",
                "feature_views[0].freshness_sla: '0' must be greater than zero",
                "feature_views[0].materialization_interval: 'PT0S' must be greater than zero",
                "feature_views[1].ttl: '-PT1H' must not be negative",
                "feature_views[1].freshness_sla: expected a duration string, got number 26",
                "feature_views[1].materialization_interval: '5x' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')");
    }

    @Test
    void requiresOnDemandSourcesToBeViewsOrRequestSources() {
        String onDemand = "{'name': 'quote', 'sources': ['hourly', 'ride', 'stats', 'missing', 'ride'], 'schema': [{'name': 'quote', 'dtype': 'FLOAT64'}],"
                + " 'expressions': {'quote': 'ride.distance_km * 1.2'}}";
        assertThat(errors("{'entities': [%s], 'data_sources': [%s, %s], 'feature_views': [%s], 'on_demand_feature_views': [%s]}"
                .formatted(ENTITY, PARQUET, REQUEST, VIEW, onDemand))).containsExactly(
                "on_demand_feature_views[0].sources[2]: 'stats' is a parquet source"
                        + " (expected a feature view, an on-demand feature view or a request source)",
                "on_demand_feature_views[0].sources[3]: unknown source 'missing'"
                        + " (expected a feature view, an on-demand feature view or a request source)",
                "on_demand_feature_views[0].sources[4]: duplicate source 'ride' (first at on_demand_feature_views[0].sources[1])");
    }

    @Test
    void requiresExactlyOneExpressionPerSchemaField() {
        String onDemand = "{'name': 'quote', 'sources': ['ride'], 'schema': [{'name': 'quote', 'dtype': 'FLOAT64'}, {'name': 'eta', 'dtype': 'INT64'}],"
                + " 'expressions': {'quote': 'ride.distance_km * 1.2', 'price': 'ride.distance_km', 'eta': ' '}}";
        assertThat(errors("{'data_sources': [%s], 'on_demand_feature_views': [%s]}".formatted(REQUEST, onDemand))).containsExactly(
                "on_demand_feature_views[0].expressions.eta: must not be blank",
                "on_demand_feature_views[0].expressions.price: expression for 'price', which is not a field of the schema");
        String missing = onDemand.replace(", 'price': 'ride.distance_km', 'eta': ' '", "");
        assertThat(errors("{'data_sources': [%s], 'on_demand_feature_views': [%s]}".formatted(REQUEST, missing))).containsExactly(
                "on_demand_feature_views[0].expressions: no expression for field 'eta'");
    }

    @Test
    void reportsEachCycleAmongOnDemandViewsOnceWithItsPath() {
        String views = String.join(", ",
                onDemandView("a", "'ride', 'b'"),
                onDemandView("b", "'c'"),
                onDemandView("c", "'a'"),
                onDemandView("d", "'d'"),
                onDemandView("e", "'a'"));
        assertThat(errors("{'data_sources': [%s], 'on_demand_feature_views': [%s]}".formatted(REQUEST, views))).containsExactly(
                "on_demand_feature_views[0].sources: cycle among on-demand feature views: a -> b -> c -> a",
                "on_demand_feature_views[3].sources: cycle among on-demand feature views: d -> d");
    }

    private static String onDemandView(String name, String sources) {
        return "{'name': '%s', 'sources': [%s], 'schema': [{'name': 'x', 'dtype': 'FLOAT64'}], 'expressions': {'x': '1.0'}}".formatted(name, sources);
    }

    @Test
    void requiresFeatureServiceViewsAndFeaturesToExist() {
        String onDemand = onDemandView("quote", "'hourly'");
        String service = "{'name': 'svc', 'features': [{'feature_view': 'hourly', 'features': ['conv_rate', 'conv', 'conv_rate']},"
                + " {'feature_view': 'quote', 'features': ['x', 'y']}, {'feature_view': 'daily'}, {'feature_view': 'hourly'}]}";
        assertThat(errors("{'entities': [%s], 'data_sources': [%s], 'feature_views': [%s], 'on_demand_feature_views': [%s], 'feature_services': [%s]}"
                .formatted(ENTITY, PARQUET, VIEW, onDemand, service))).containsExactly(
                "feature_services[0].features[0].features[1]: feature view 'hourly' has no feature 'conv'",
                "feature_services[0].features[0].features[2]: duplicate feature 'conv_rate' (first at feature_services[0].features[0].features[0])",
                "feature_services[0].features[1].features[1]: feature view 'quote' has no feature 'y'",
                "feature_services[0].features[2].feature_view: unknown feature view 'daily'");
    }

    @Test
    void resolvesReferencesAgainstExistingObjects() {
        DefinitionDocument registry = new DefinitionDocument(
                List.of(new Entity("driver", List.of(new JoinKey("driver_id", ValueType.INT64)))),
                List.of(new ParquetSource("stats", "s3://bucket/stats/", "ts"), new RequestSource("ride", List.of(new Field("distance_km", ValueType.FLOAT64)))),
                List.of(new FeatureView("hourly", List.of("driver"), "stats", List.of(new Field("conv_rate", ValueType.FLOAT64)))),
                List.of(new OnDemandFeatureView("loop", List.of("quote"), List.of(new Field("x", ValueType.FLOAT64)), Map.of("x", "quote.x"))),
                null);
        String document = "{'feature_views': [{'name': 'daily', 'entities': ['driver'], 'source': 'ride', 'schema': [{'name': 'trips', 'dtype': 'INT64'}]}],"
                + " 'on_demand_feature_views': [%s], 'feature_services': [{'name': 'svc', 'features': [{'feature_view': 'hourly', 'features': ['conv_rate', 'trips']}]}]}"
                .formatted(onDemandView("quote", "'ride', 'loop'"));
        String json = document.replace('\'', '"');

        assertThat(errors(json, ExistingObjects.of(registry))).containsExactly(
                "feature_views[0].source: 'ride' is a request source (a feature view's source must be a parquet, push or kafka source)",
                "on_demand_feature_views[0].sources: cycle among on-demand feature views: quote -> loop -> quote",
                "feature_services[0].features[0].features[1]: feature view 'hourly' has no feature 'trips'");
        assertThat(errors(json)).contains(
                "feature_views[0].entities[0]: unknown entity 'driver'",
                "feature_services[0].features[0].feature_view: unknown feature view 'hourly'");
    }

    @Test
    void namesDefinedInTheDocumentWinOverExistingObjects() {
        DefinitionDocument registry = new DefinitionDocument(null, List.of(new RequestSource("stats", List.of(new Field("x", ValueType.BOOL)))), null, null, null);
        assertThat(errors(document(ENTITY, PARQUET, VIEW), ExistingObjects.of(registry))).isEmpty();
    }

    @Test
    void validatesDocumentsBuiltInCode() {
        DefinitionDocument document = new DefinitionDocument(
                List.of(new Entity("driver", List.of(new JoinKey("driver_id", ValueType.INT64)))),
                List.of(new ParquetSource("stats", "s3://bucket/stats/", "ts")),
                List.of(new FeatureView("Hourly", List.of("rider"), "stats", List.of(new Field("conv_rate", ValueType.FLOAT64)))),
                null,
                List.of(new FeatureService("svc", List.of(FeatureServiceItem.allFeaturesOf("hourly")))));

        assertThat(DefinitionDocuments.validate(document)).extracting(ValidationError::toString).containsExactly(
                "feature_views[0].name: 'Hourly' is not a valid name (expected [a-z][a-z0-9_]*)",
                "feature_views[0].entities[0]: unknown entity 'rider'",
                "feature_services[0].features[0].feature_view: unknown feature view 'hourly'");
    }

    @Test
    void documentOfAnInvalidResultThrowsWithEveryError() {
        DefinitionParseResult result = DefinitionDocuments.parse("{\"entities\": [{}]}");

        assertThat(result.isValid()).isFalse();
        assertThatThrownBy(result::document)
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.errors()).hasSize(2))
                .hasMessage("invalid definition (2 problems): entities[0].name: is required; entities[0].join_keys: is required");
    }

    @Test
    void validatesProjectNames() {
        assertThat(DefinitionDocuments.validate(new Project("ride_hailing", "Rides", "ml@example.com"))).isEmpty();
        assertThat(DefinitionDocuments.validate(new Project("Ride Hailing", null, null))).extracting(ValidationError::toString).containsExactly(
                "name: 'Ride Hailing' is not a valid name (expected [a-z][a-z0-9_]*)");
    }

    @Test
    void reportsEveryProblemOfABadDocumentInDocumentOrder() {
        String json = """
                {
                  'entities': [
                    {'name': 'driver', 'join_keys': [{'name': 'driver_id', 'value_type': 'INT64'}]},
                    {'name': 'Rider', 'join_keys': [{'name': 'rider_id', 'value_type': 'LONG'}], 'owner': 5},
                    {'name': 'driver', 'join_key': []}
                  ],
                  'data_sources': [
                    {'name': 'stats', 'type': 'parquet', 'path': 's3://b/stats/'},
                    {'name': 'push', 'type': 'push', 'batch_source': 'stats'},
                    {'name': 'events', 'type': 'kafka', 'topic': 'events', 'format': 'json', 'timestamp_field': 'ts', 'batch_source': 'push'},
                    {'name': 'ride', 'type': 'request', 'schema': [{'name': 'distance_km', 'dtype': 'DOUBLE'}]}
                  ],
                  'feature_views': [
                    {'name': 'hourly', 'entities': ['driver'], 'source': 'push', 'ttl': '2d', 'online': true,
                     'schema': [{'name': 'conv_rate', 'dtype': 'FLOAT64'}, {'name': 'trips', 'dtype': 'INT64'}],
                     'freshness_sla': '26h', 'materialization_interval': '1h'},
                    {'name': 'by_rider', 'entities': ['rider'], 'source': 'ride', 'ttl': 'forever',
                     'schema': [{'name': 'rating', 'dtype': 'FLOAT'}, {'name': 'rating', 'dtype': 'FLOAT32'}]},
                    {'name': 'hourly', 'entities': ['driver'], 'source': 'events', 'schema': [{'name': 'x', 'dtype': 'BOOL'}], 'sla': '1h'}
                  ],
                  'on_demand_feature_views': [
                    {'name': 'quote', 'sources': ['hourly', 'ride', 'surge'], 'schema': [{'name': 'quote', 'dtype': 'FLOAT64'}],
                     'expressions': {'quote': 'ride.distance_km * surge.factor', 'extra': '1'}},
                    {'name': 'surge', 'sources': ['quote'], 'schema': [{'name': 'factor', 'dtype': 'FLOAT64'}], 'expressions': {}},
                    {'name': 'hourly', 'sources': ['stats'], 'schema': [{'name': 'y', 'dtype': 'INT64'}], 'expressions': {'y': '1'}}
                  ],
                  'feature_services': [
                    {'name': 'dispatch', 'features': [{'feature_view': 'hourly', 'features': ['conv_rate', 'acceptance']},
                                                      {'feature_view': 'quote'}, {'feature_view': 'eta'}]},
                    {'name': 'dispatch', 'features': []}
                  ],
                  'models': []
                }
                """;

        assertThat(errors(json)).containsExactly(
                "models: unknown field (expected one of entities, data_sources, feature_views, on_demand_feature_views, feature_services)",
                "entities[1].name: 'Rider' is not a valid name (expected [a-z][a-z0-9_]*)",
                "entities[1].join_keys[0].value_type: unknown type 'LONG' (expected one of BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES,"
                        + " UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST)",
                "entities[1].owner: expected a string, got number 5",
                "entities[2].join_key: unknown field (did you mean 'join_keys'?)",
                "entities[2].join_keys: is required",
                "entities[2].name: duplicate name 'driver' (first at entities[0])",
                "data_sources[0].timestamp_field: is required for a parquet source",
                "data_sources[2].batch_source: 'push' is a push source (a batch_source must be a parquet source)",
                "data_sources[3].schema[0].dtype: unknown type 'DOUBLE' (expected one of BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES,"
                        + " UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST)",
                "feature_views[1].ttl: 'forever' is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')",
                "feature_views[1].schema[0].dtype: unknown type 'FLOAT' (expected one of BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES,"
                        + " UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST)",
                "feature_views[1].entities[0]: unknown entity 'rider'",
                "feature_views[1].source: 'ride' is a request source (a feature view's source must be a parquet, push or kafka source)",
                "feature_views[1].schema[1].name: duplicate field name 'rating' (first at feature_views[1].schema[0])",
                "feature_views[2].sla: unknown field (expected one of name, entities, source, ttl, online, schema, freshness_sla,"
                        + " materialization_interval, description, owner, tags)",
                "feature_views[2].name: duplicate name 'hourly' (first at feature_views[0])",
                "on_demand_feature_views[0].sources: cycle among on-demand feature views: quote -> surge -> quote",
                "on_demand_feature_views[0].expressions.extra: expression for 'extra', which is not a field of the schema",
                "on_demand_feature_views[1].expressions: no expression for field 'factor'",
                "on_demand_feature_views[2].name: duplicate name 'hourly' (first at feature_views[0];"
                        + " feature views and on-demand feature views share one namespace)",
                "on_demand_feature_views[2].sources[0]: 'stats' is a parquet source"
                        + " (expected a feature view, an on-demand feature view or a request source)",
                "feature_services[0].features[0].features[1]: feature view 'hourly' has no feature 'acceptance'",
                "feature_services[0].features[2].feature_view: unknown feature view 'eta'",
                "feature_services[1].features: must not be empty",
                "feature_services[1].name: duplicate name 'dispatch' (first at feature_services[0])");
    }

    @Test
    void reportsInsteadOfThrowingOnDocumentsOfAnyShape() {
        String json = """
                {"entities": [null, 1, [], {"name": 5, "join_keys": [null, {"name": []}]}],
                 "data_sources": [{"type": 5}, {"type": "push", "batch_source": 3}],
                 "feature_views": [{"name": "v", "entities": [1, null], "schema": [1], "source": {}}],
                 "on_demand_feature_views": [{"name": "o", "sources": [null], "schema": {}, "expressions": []}],
                 "feature_services": [{"name": "s", "features": [1, {"feature_view": 1, "features": "x"}]}]}
                """;

        assertThat(DefinitionDocuments.parse(json).messages()).containsExactly(
                "entities[0]: expected an object, got null",
                "entities[1]: expected an object, got number 1",
                "entities[2]: expected an object, got an array",
                "entities[3].name: expected a string, got number 5",
                "entities[3].join_keys[0]: expected an object, got null",
                "entities[3].join_keys[1].name: expected a string, got an array",
                "entities[3].join_keys[1].value_type: is required",
                "data_sources[0].type: expected a string, got number 5",
                "data_sources[0].name: is required",
                "data_sources[1].batch_source: expected a string, got number 3",
                "data_sources[1].name: is required for a push source",
                "feature_views[0].entities[0]: expected a string, got number 1",
                "feature_views[0].entities[1]: expected a string, got null",
                "feature_views[0].schema[0]: expected an object, got number 1",
                "feature_views[0].source: expected a string, got an object",
                "on_demand_feature_views[0].sources[0]: expected a string, got null",
                "on_demand_feature_views[0].schema: expected an array, got an object",
                "on_demand_feature_views[0].expressions: expected an object, got an array",
                "feature_services[0].features[0]: expected an object, got number 1",
                "feature_services[0].features[1].feature_view: expected a string, got number 1",
                "feature_services[0].features[1].features: expected an array, got string 'x'");
    }

    @Test
    void rejectsDuplicateKeysInsteadOfKeepingTheLast() {
        assertThat(errors("{'entities': [],\n 'entities': []}")).containsExactly(
                "document: invalid JSON at line 2, column 12: Duplicate field 'entities'");
        assertThat(errors("{'entities': [{'name': 'a', 'name': 'b', 'join_keys': []}]}")).containsExactly(
                "document: invalid JSON at line 1, column 35: Duplicate field 'name'");
    }
}
