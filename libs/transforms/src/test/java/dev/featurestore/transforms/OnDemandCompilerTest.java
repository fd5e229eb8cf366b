package dev.featurestore.transforms;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.ValueType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.featurestore.transforms.Views.RIDE_QUOTE;
import static dev.featurestore.transforms.Views.SOURCE_SCHEMAS;
import static dev.featurestore.transforms.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnDemandCompilerTest {
    private static final List<String> SOURCES = List.of("driver_hourly", "ride_request");

    private final OnDemandCompiler compiler = new OnDemandCompiler();

    @Test
    void compilesDesignExampleQuote() {
        CompilationResult result = compiler.compile(RIDE_QUOTE, SOURCE_SCHEMAS);

        assertThat(result.errors()).isEmpty();
        assertThat(result.succeeded()).isTrue();
        CompiledOnDemandView compiled = result.compiledViewOrThrow();
        assertThat(compiled.name()).isEqualTo("ride_quote");
        assertThat(compiled.featureNames()).containsExactly("quote");
        assertThat(compiled.referencedFields()).containsExactly(
                Map.entry("ride_request", java.util.Set.of("distance_km")),
                Map.entry("driver_hourly", java.util.Set.of("conv_rate")));
    }

    @Test
    void reportsUnknownFieldOfSourceAsUndeclaredQualifiedReference() {
        OnDemandFeatureView view = view(SOURCES, "quote", ValueType.FLOAT64, "ride_request.distnce_km * 1.2 + driver_hourly.conv_rate");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.compiledView()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.feature()).isEqualTo("quote");
            assertThat(error.message())
                    .startsWith("undeclared reference to 'ride_request.distnce_km' at column 1")
                    .contains("ride_request has no field 'distnce_km'; fields: distance_km");
            assertThat(error.describe()).startsWith("quote: undeclared reference to 'ride_request.distnce_km'");
        });
    }

    @Test
    void reportsReferenceToUnknownSourceWithTheSourcesThereAre() {
        OnDemandFeatureView view = view(SOURCES, "quote", ValueType.FLOAT64, "1.0 + rider_stats.rating");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message()).isEqualTo(
                "undeclared reference to 'rider_stats.rating' at column 7 ('rider_stats' is not a source of test_view; sources: driver_hourly, ride_request)"));
    }

    @Test
    void rejectsReferenceToSourceWithSchemaThatViewDoesNotList() {
        OnDemandFeatureView view = view(List.of("ride_request"), "quote", ValueType.FLOAT64, "ride_request.distance_km + driver_hourly.conv_rate");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .startsWith("undeclared reference to 'driver_hourly.conv_rate' at column 28 ('driver_hourly' is not a source of test_view"));
    }

    @Test
    void saysWhenListedSourceHasNoSchema() {
        OnDemandFeatureView view = view(List.of("ride_request", "driver_hourly"), "quote", ValueType.FLOAT64, "driver_hourly.conv_rate");

        CompilationResult result = compiler.compile(view, Map.of("ride_request", SOURCE_SCHEMAS.get("ride_request")));

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .contains("no schema for source 'driver_hourly'"));
    }

    @Test
    void reportsSyntaxErrorWithPosition() {
        OnDemandFeatureView view = view(SOURCES, "quote", ValueType.FLOAT64, "ride_request.distance_km *");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.feature()).isEqualTo("quote");
            assertThat(error.message()).startsWith("mismatched input '<EOF>'").endsWith(" at column 27");
        });
    }

    @Test
    void reportsLineAndColumnInMultiLineExpression() {
        OnDemandFeatureView view = view(SOURCES, "quote", ValueType.FLOAT64, "ride_request.distance_km\n  * driver_hourly.conv_rte");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .startsWith("undeclared reference to 'driver_hourly.conv_rte' at line 2, column 5"));
    }

    @Test
    void rejectsResultTypeThatDoesNotMatchDtype() {
        OnDemandFeatureView view = view(SOURCES,
                "trips", ValueType.INT64, "driver_hourly.conv_rate * 2.0",
                "label", ValueType.STRING, "driver_hourly.trips_today",
                "busy", ValueType.BOOL, "driver_hourly.trips_today + 1");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).extracting(ExpressionError::describe).containsExactly(
                "trips: result type double does not match dtype INT64 (expected int; convert with int(...))",
                "label: result type int does not match dtype STRING (expected string; convert with string(...))",
                "busy: result type int does not match dtype BOOL (expected bool)");
    }

    @Test
    void rejectsMixedIntAndDoubleArithmeticAsCelDoes() {
        OnDemandFeatureView view = view(SOURCES, "score", ValueType.FLOAT64, "driver_hourly.trips_today * 1.5");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .startsWith("found no matching overload for '_*_' applied to '(int, double)'")
                .endsWith(" at column 27"));
    }

    @Test
    void acceptsIntResultForFloatFeatureAndIntDoubleComparisons() {
        OnDemandFeatureView view = view(SOURCES,
                "trips_as_double", ValueType.FLOAT64, "driver_hourly.trips_today + 1",
                "trips_as_float", ValueType.FLOAT32, "driver_hourly.trips_today",
                "busy", ValueType.BOOL, "driver_hourly.trips_today > 2.5",
                "score", ValueType.FLOAT64, "double(driver_hourly.trips_today) * 1.5");

        assertThat(compiler.compile(view, SOURCE_SCHEMAS).errors()).isEmpty();
    }

    @Test
    void rejectsListResultForScalarFeatureAndWrongElementType() {
        Map<String, List<Field>> schemas = Map.of("item", List.of(new Field("embedding", ValueType.FLOAT32_LIST)));
        OnDemandFeatureView view = view(List.of("item"),
                "doubled", ValueType.FLOAT32_LIST, "item.embedding.map(x, x * 2.0)",
                "first", ValueType.FLOAT32, "item.embedding",
                "labels", ValueType.STRING_LIST, "item.embedding");

        CompilationResult result = compiler.compile(view, schemas);

        assertThat(result.errors()).extracting(ExpressionError::describe).containsExactly(
                "first: result type list(double) does not match dtype FLOAT32 (expected double)",
                "labels: result type list(double) does not match dtype STRING_LIST (expected list(string))");
    }

    @Test
    void reportsErrorsOfEveryExpressionNotJustTheFirst() {
        OnDemandFeatureView view = view(SOURCES,
                "a", ValueType.FLOAT64, "ride_request.nope + ride_request.other",
                "b", ValueType.FLOAT64, "ride_request.distance_km",
                "c", ValueType.FLOAT64, "(",
                "d", ValueType.INT64, "\"text\"");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).extracting(ExpressionError::feature).containsExactly("a", "a", "c", "d");
        assertThat(result.errors().get(0).message()).startsWith("undeclared reference to 'ride_request.nope' at column 1");
        assertThat(result.errors().get(1).message()).startsWith("undeclared reference to 'ride_request.other' at column 21");
        assertThatThrownBy(result::compiledViewOrThrow)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("on-demand feature view 'test_view' does not compile: a: undeclared reference");
    }

    @Test
    void reportsFeatureWithoutExpressionAndExpressionWithoutFeature() {
        OnDemandFeatureView view = new OnDemandFeatureView("test_view", SOURCES,
                List.of(new Field("quote", ValueType.FLOAT64)),
                Map.of("quot", "ride_request.distance_km"));

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).extracting(ExpressionError::describe).containsExactly(
                "quote: no expression for feature 'quote'",
                "quot: expression for 'quot', which is not in the schema (features: quote)");
    }

    @Test
    void reportsBareIdentifierAndUnknownFunction() {
        OnDemandFeatureView view = view(SOURCES,
                "a", ValueType.FLOAT64, "distance_km",
                "b", ValueType.FLOAT64, "log(ride_request.distance_km)");

        CompilationResult result = compiler.compile(view, SOURCE_SCHEMAS);

        assertThat(result.errors()).extracting(ExpressionError::describe).containsExactly(
                "a: undeclared reference to 'distance_km' at column 1 (expected <source>.<field>; sources: driver_hourly, ride_request)",
                "b: undeclared reference to 'log' at column 4 (no such function)");
    }

    @Test
    void declaresEveryValueType() {
        Map<String, List<Field>> schemas = Map.of("all", java.util.Arrays.stream(ValueType.values())
                .map(type -> new Field(type.name().toLowerCase(java.util.Locale.ROOT), type))
                .toList());
        Object[] features = java.util.Arrays.stream(ValueType.values())
                .flatMap(type -> java.util.stream.Stream.of("copy_" + type.name().toLowerCase(java.util.Locale.ROOT), type,
                        "all." + type.name().toLowerCase(java.util.Locale.ROOT)))
                .toArray();

        CompilationResult result = compiler.compile(view(List.of("all"), features), schemas);

        assertThat(result.errors()).isEmpty();
        assertThat(result.compiledViewOrThrow().referencedFields().get("all")).hasSize(ValueType.values().length);
    }
}
