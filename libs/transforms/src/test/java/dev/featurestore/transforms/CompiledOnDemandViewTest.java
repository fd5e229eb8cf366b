package dev.featurestore.transforms;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.ValueType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.featurestore.transforms.Views.RIDE_QUOTE;
import static dev.featurestore.transforms.Views.SOURCE_SCHEMAS;
import static dev.featurestore.transforms.Views.row;
import static dev.featurestore.transforms.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class CompiledOnDemandViewTest {
    private static final List<String> SOURCES = List.of("driver_hourly", "ride_request");

    private final OnDemandCompiler compiler = new OnDemandCompiler();

    private CompiledOnDemandView compile(OnDemandFeatureView view, Map<String, List<Field>> schemas) {
        return compiler.compile(view, schemas).compiledViewOrThrow();
    }

    @Test
    void evaluatesDesignExampleQuote() {
        CompiledOnDemandView quote = compile(RIDE_QUOTE, SOURCE_SCHEMAS);

        EvaluationResult result = quote.evaluate(Map.of(
                "ride_request", row("distance_km", 10.0),
                "driver_hourly", row("conv_rate", 0.5, "trips_today", 3L)));

        assertThat(result.errors()).isEmpty();
        assertThat(result.values()).containsExactly(entry("quote", 12.5));
        assertThat(result.value("quote")).isEqualTo(12.5);
    }

    @Test
    void returnsValuesInSchemaOrder() {
        CompiledOnDemandView view = compile(view(SOURCES,
                "z_last", ValueType.INT64, "driver_hourly.trips_today",
                "a_first", ValueType.FLOAT64, "ride_request.distance_km",
                "m_middle", ValueType.BOOL, "driver_hourly.conv_rate > 0.1"), SOURCE_SCHEMAS);

        EvaluationResult result = view.evaluate(Map.of(
                "ride_request", row("distance_km", 2.0),
                "driver_hourly", row("conv_rate", 0.5, "trips_today", 3L)));

        assertThat(result.values().keySet()).containsExactly("z_last", "a_first", "m_middle");
        assertThat(result.values()).containsExactly(entry("z_last", 3L), entry("a_first", 2.0), entry("m_middle", true));
    }

    @Test
    void givesNullWithoutErrorWhenAnInputIsNullOrAbsent() {
        CompiledOnDemandView quote = compile(RIDE_QUOTE, SOURCE_SCHEMAS);
        Map<String, Object> nullRate = new HashMap<>();
        nullRate.put("conv_rate", null);

        List<Map<String, Map<String, Object>>> rows = List.of(
                Map.of("ride_request", row("distance_km", 10.0), "driver_hourly", nullRate),
                Map.of("ride_request", row("distance_km", 10.0), "driver_hourly", row("trips_today", 3L)),
                Map.of("ride_request", row("distance_km", 10.0)),
                Map.of());

        for (Map<String, Map<String, Object>> row : rows) {
            EvaluationResult result = quote.evaluate(row);
            assertThat(result.values()).containsExactly(entry("quote", null));
            assertThat(result.hasErrors()).isFalse();
        }
    }

    @Test
    void givesNullWhenNullInputIsOnlyInBranchNotTaken() {
        CompiledOnDemandView view = compile(view(SOURCES,
                "price", ValueType.FLOAT64, "ride_request.distance_km > 100.0 ? driver_hourly.conv_rate : ride_request.distance_km"),
                SOURCE_SCHEMAS);

        EvaluationResult result = view.evaluate(Map.of("ride_request", row("distance_km", 10.0)));

        assertThat(result.value("price")).isNull();
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void computesOtherFeaturesWhenOneReadsNull() {
        CompiledOnDemandView view = compile(view(SOURCES,
                "quote", ValueType.FLOAT64, "ride_request.distance_km * 1.2 + driver_hourly.conv_rate",
                "distance_m", ValueType.FLOAT64, "ride_request.distance_km * 1000.0"), SOURCE_SCHEMAS);

        EvaluationResult result = view.evaluate(Map.of("ride_request", row("distance_km", 1.5)));

        assertThat(result.values()).containsExactly(entry("quote", null), entry("distance_m", 1500.0));
    }

    @Test
    void convertsInputsAndOutputsBetweenJavaAndFeatureTypes() {
        Map<String, List<Field>> schemas = Map.of("s", List.of(
                new Field("i32", ValueType.INT32), new Field("i64", ValueType.INT64),
                new Field("f32", ValueType.FLOAT32), new Field("f64", ValueType.FLOAT64),
                new Field("text", ValueType.STRING), new Field("flag", ValueType.BOOL),
                new Field("raw", ValueType.BYTES), new Field("at", ValueType.UNIX_TIMESTAMP)));
        CompiledOnDemandView view = compile(view(List.of("s"),
                "i32_out", ValueType.INT32, "s.i32 * 2",
                "i64_out", ValueType.INT64, "s.i64 + s.i32",
                "f32_out", ValueType.FLOAT32, "s.f32 * 2.0",
                "f64_out", ValueType.FLOAT64, "s.f64 + s.f32",
                "widened", ValueType.FLOAT64, "s.i64",
                "widened32", ValueType.FLOAT32, "s.i32",
                "text_out", ValueType.STRING, "s.text + '!' + string(s.i32)",
                "flag_out", ValueType.BOOL, "!s.flag",
                "raw_out", ValueType.BYTES, "s.raw + b'!'",
                "at_out", ValueType.UNIX_TIMESTAMP, "s.at + duration('1h')",
                "hour", ValueType.INT32, "s.at.getHours()",
                "epoch", ValueType.INT64, "int(s.at)"), schemas);

        EvaluationResult result = view.evaluate(Map.of("s", row(
                "i32", 21, "i64", 100L, "f32", 1.5f, "f64", 0.25,
                "text", "hi", "flag", false, "raw", new byte[] {1, 2}, "at", Instant.parse("2024-01-02T03:04:05Z"))));

        assertThat(result.errors()).isEmpty();
        Map<String, Object> values = result.values();
        assertThat(values.get("i32_out")).isEqualTo(42);
        assertThat(values.get("i64_out")).isEqualTo(121L);
        assertThat(values.get("f32_out")).isEqualTo(3.0f);
        assertThat(values.get("f64_out")).isEqualTo(1.75);
        assertThat(values.get("widened")).isEqualTo(100.0);
        assertThat(values.get("widened32")).isEqualTo(21.0f);
        assertThat(values.get("text_out")).isEqualTo("hi!21");
        assertThat(values.get("flag_out")).isEqualTo(true);
        assertThat(values.get("raw_out")).isEqualTo(new byte[] {1, 2, '!'});
        assertThat(values.get("at_out")).isEqualTo(Instant.parse("2024-01-02T04:04:05Z"));
        assertThat(values.get("hour")).isEqualTo(3);
        assertThat(values.get("epoch")).isEqualTo(1704164645L);
    }

    @Test
    void acceptsIntegralNumbersForFloatInputsAndWidensFloatExactly() {
        CompiledOnDemandView view = compile(view(SOURCES, "rate", ValueType.FLOAT64, "driver_hourly.conv_rate"), SOURCE_SCHEMAS);

        assertThat(view.evaluate(Map.of("driver_hourly", row("conv_rate", 2L))).value("rate")).isEqualTo(2.0);
        assertThat(view.evaluate(Map.of("driver_hourly", row("conv_rate", 0.1f))).value("rate")).isEqualTo((double) 0.1f);
    }

    @Test
    void evaluatesListInputsAndListResults() {
        Map<String, List<Field>> schemas = Map.of("item", List.of(
                new Field("embedding", ValueType.FLOAT32_LIST),
                new Field("counts", ValueType.INT32_LIST),
                new Field("tags", ValueType.STRING_LIST)));
        CompiledOnDemandView view = compile(view(List.of("item"),
                "scaled", ValueType.FLOAT32_LIST, "item.embedding.map(x, x * 2.0)",
                "dimensions", ValueType.INT64, "size(item.embedding)",
                "big_counts", ValueType.INT64_LIST, "item.counts.filter(c, c > 1)",
                "counts_as_doubles", ValueType.FLOAT64_LIST, "item.counts",
                "first_tag", ValueType.STRING, "item.tags[0]",
                "has_sale", ValueType.BOOL, "'sale' in item.tags"), schemas);

        EvaluationResult result = view.evaluate(Map.of("item", row(
                "embedding", List.of(0.5f, 1.0f, -2.0f),
                "counts", List.of(1, 2, 3),
                "tags", List.of("new", "sale"))));

        assertThat(result.errors()).isEmpty();
        assertThat(result.values()).containsExactly(
                entry("scaled", List.of(1.0f, 2.0f, -4.0f)),
                entry("dimensions", 3L),
                entry("big_counts", List.of(2L, 3L)),
                entry("counts_as_doubles", List.of(1.0, 2.0, 3.0)),
                entry("first_tag", "new"),
                entry("has_sale", true));
    }

    @Test
    void givesNullWithoutErrorWhenListHasNullElement() {
        Map<String, List<Field>> schemas = Map.of("item", List.of(new Field("embedding", ValueType.FLOAT32_LIST)));
        CompiledOnDemandView view = compile(view(List.of("item"), "dimensions", ValueType.INT64, "size(item.embedding)"), schemas);

        EvaluationResult result = view.evaluate(Map.of("item", row("embedding", Arrays.asList(1.0f, null))));

        assertThat(result.value("dimensions")).isNull();
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void givesNullAndErrorForRuntimeErrorOnRowAndComputesTheRest() {
        CompiledOnDemandView view = compile(view(SOURCES,
                "per_trip", ValueType.INT64, "100 / driver_hourly.trips_today",
                "huge", ValueType.INT64, "driver_hourly.trips_today * 9223372036854775807",
                "narrow", ValueType.INT32, "driver_hourly.trips_today + 2147483647",
                "fine", ValueType.INT64, "driver_hourly.trips_today + 1"), SOURCE_SCHEMAS);

        EvaluationResult result = view.evaluate(Map.of("driver_hourly", row("trips_today", 0L)));

        assertThat(result.values()).containsExactly(
                entry("per_trip", null), entry("huge", 0L), entry("narrow", Integer.MAX_VALUE), entry("fine", 1L));
        assertThat(result.errors()).extracting(ExpressionError::describe).containsExactly("per_trip: / by zero at column 5");

        EvaluationResult overflow = view.evaluate(Map.of("driver_hourly", row("trips_today", 2L)));

        assertThat(overflow.values()).containsExactly(
                entry("per_trip", 50L), entry("huge", null), entry("narrow", null), entry("fine", 3L));
        assertThat(overflow.errors()).extracting(ExpressionError::describe).containsExactly(
                "huge: long overflow at column 27",
                "narrow: result 2147483649 is outside the INT32 range");
    }

    @Test
    void dividesDoubleByZeroToInfinityAsIeee754() {
        CompiledOnDemandView view = compile(view(SOURCES, "ratio", ValueType.FLOAT64, "1.0 / driver_hourly.conv_rate"), SOURCE_SCHEMAS);

        EvaluationResult result = view.evaluate(Map.of("driver_hourly", row("conv_rate", 0.0)));

        assertThat(result.value("ratio")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void givesNullAndErrorForIndexOutOfRange() {
        Map<String, List<Field>> schemas = Map.of("item", List.of(new Field("tags", ValueType.STRING_LIST)));
        CompiledOnDemandView view = compile(view(List.of("item"), "second", ValueType.STRING, "item.tags[1]"), schemas);

        EvaluationResult result = view.evaluate(Map.of("item", row("tags", List.of("only"))));

        assertThat(result.value("second")).isNull();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.feature()).isEqualTo("second");
            assertThat(error.message()).contains("out of bounds");
        });
    }

    @Test
    void givesNullAndErrorForEveryFeatureReadingInputOfWrongJavaType() {
        CompiledOnDemandView view = compile(view(SOURCES,
                "quote", ValueType.FLOAT64, "ride_request.distance_km * 1.2",
                "twice", ValueType.FLOAT64, "ride_request.distance_km * 2.0",
                "trips", ValueType.INT64, "driver_hourly.trips_today"), SOURCE_SCHEMAS);

        EvaluationResult result = view.evaluate(Map.of(
                "ride_request", row("distance_km", "ten"),
                "driver_hourly", row("trips_today", 1.5)));

        assertThat(result.values()).containsExactly(entry("quote", null), entry("twice", null), entry("trips", null));
        assertThat(result.errors()).extracting(ExpressionError::describe).containsExactly(
                "quote: ride_request.distance_km: expected Double or Float for FLOAT64, got java.lang.String",
                "twice: ride_request.distance_km: expected Double or Float for FLOAT64, got java.lang.String",
                "trips: driver_hourly.trips_today: expected Long or Integer for INT64, got java.lang.Double");
    }

    @Test
    void checksDynamicResultAtRunTime() {
        CompiledOnDemandView view = compile(view(SOURCES,
                "picked", ValueType.FLOAT64, "dyn(driver_hourly.trips_today > 1 ? dyn(driver_hourly.conv_rate) : dyn('none'))"),
                SOURCE_SCHEMAS);

        EvaluationResult number = view.evaluate(Map.of("driver_hourly", row("trips_today", 2L, "conv_rate", 0.5)));
        EvaluationResult text = view.evaluate(Map.of("driver_hourly", row("trips_today", 0L, "conv_rate", 0.5)));

        assertThat(number.value("picked")).isEqualTo(0.5);
        assertThat(text.value("picked")).isNull();
        assertThat(text.errors()).extracting(ExpressionError::describe)
                .containsExactly("picked: result of type String does not match dtype FLOAT64");
    }

    @Test
    void evaluatesRowsFromManyThreadsWithTheSameProgram() throws Exception {
        CompiledOnDemandView quote = compile(RIDE_QUOTE, SOURCE_SCHEMAS);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                tasks.add(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int index = 0; index < 500; index++) {
                        double distance = offset * 1000 + index;
                        Object value = quote.evaluate(Map.of(
                                "ride_request", row("distance_km", distance),
                                "driver_hourly", row("conv_rate", 1.0))).value("quote");
                        if (!Double.valueOf(distance * 1.2 + 1.0).equals(value)) {
                            mismatches.add(distance + " -> " + value);
                        }
                    }
                    return mismatches;
                });
            }
            List<String> mismatches = new ArrayList<>();
            for (Future<List<String>> future : executor.invokeAll(tasks)) {
                mismatches.addAll(future.get());
            }

            assertThat(mismatches).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }
}
