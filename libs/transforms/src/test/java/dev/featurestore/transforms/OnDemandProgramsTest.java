package dev.featurestore.transforms;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.ValueType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.featurestore.transforms.Views.RIDE_QUOTE;
import static dev.featurestore.transforms.Views.SOURCE_SCHEMAS;
import static dev.featurestore.transforms.Views.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnDemandProgramsTest {
    private static final OnDemandFeatureView DOUBLE_QUOTE = new OnDemandFeatureView(
            "ride_quote",
            List.of("driver_hourly", "ride_request"),
            List.of(new Field("quote", ValueType.FLOAT64)),
            Map.of("quote", "ride_request.distance_km * 2.0"));
    private static final Map<String, Map<String, Object>> ROW = Map.of(
            "ride_request", row("distance_km", 10.0),
            "driver_hourly", row("conv_rate", 0.5));

    private final OnDemandPrograms programs = new OnDemandPrograms(new OnDemandCompiler(), 2);
    private final AtomicInteger schemaLookups = new AtomicInteger();
    private final Supplier<Map<String, List<Field>>> countingSchemas = () -> {
        schemaLookups.incrementAndGet();
        return SOURCE_SCHEMAS;
    };

    @Test
    void reusesCompiledViewForSameRegistryVersionWithoutLookingUpSchemas() {
        CompilationResult first = programs.compiled("demo", 7, RIDE_QUOTE, countingSchemas);
        CompilationResult second = programs.compiled("demo", 7, RIDE_QUOTE, countingSchemas);

        assertThat(second).isSameAs(first);
        assertThat(schemaLookups).hasValue(1);
        assertThat(programs.size()).isEqualTo(1);
    }

    @Test
    void replacesCompiledViewWhenRegistryVersionChangesTheView() {
        CompilationResult old = programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS);

        CompilationResult changed = programs.compiled("demo", 8, DOUBLE_QUOTE, SOURCE_SCHEMAS);

        assertThat(changed).isNotSameAs(old);
        assertThat(changed.compiledViewOrThrow().evaluate(ROW).value("quote")).isEqualTo(20.0);
        assertThat(programs.compiled("demo", 8, DOUBLE_QUOTE, SOURCE_SCHEMAS)).isSameAs(changed);
        assertThat(programs.size()).isEqualTo(1);
    }

    @Test
    void keepsCompiledViewWhenNewRegistryVersionLeavesViewAndSchemasUnchanged() {
        CompilationResult old = programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS);

        CompilationResult unchanged = programs.compiled("demo", 9, RIDE_QUOTE, countingSchemas);
        CompilationResult hit = programs.compiled("demo", 9, RIDE_QUOTE, countingSchemas);

        assertThat(unchanged).isSameAs(old);
        assertThat(hit).isSameAs(old);
        assertThat(schemaLookups).hasValue(1);
    }

    @Test
    void recompilesWhenSourceSchemaChanges() {
        programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS);
        Map<String, List<Field>> rateRemoved = Map.of(
                "driver_hourly", List.of(new Field("trips_today", ValueType.INT64)),
                "ride_request", List.of(new Field("distance_km", ValueType.FLOAT64)));

        CompilationResult result = programs.compiled("demo", 8, RIDE_QUOTE, rateRemoved);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).startsWith("undeclared reference to 'driver_hourly.conv_rate'"));
    }

    @Test
    void olderRegistryVersionDoesNotDisplaceNewerEntry() {
        CompilationResult newer = programs.compiled("demo", 8, DOUBLE_QUOTE, SOURCE_SCHEMAS);

        CompilationResult older = programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS);

        assertThat(older.compiledViewOrThrow().evaluate(ROW).value("quote")).isEqualTo(12.5);
        assertThat(programs.compiled("demo", 8, DOUBLE_QUOTE, countingSchemas)).isSameAs(newer);
        assertThat(schemaLookups).hasValue(0);
    }

    @Test
    void cachesFailedCompilationToo() {
        OnDemandFeatureView broken = new OnDemandFeatureView("broken", List.of("ride_request"),
                List.of(new Field("quote", ValueType.FLOAT64)), Map.of("quote", "ride_request.nope"));

        CompilationResult first = programs.compiled("demo", 3, broken, countingSchemas);
        CompilationResult second = programs.compiled("demo", 3, broken, countingSchemas);

        assertThat(first.succeeded()).isFalse();
        assertThat(second).isSameAs(first);
        assertThat(schemaLookups).hasValue(1);
    }

    @Test
    void keysByProjectAndViewName() {
        CompilationResult demo = programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS);
        CompilationResult other = programs.compiled("other", 7, DOUBLE_QUOTE, SOURCE_SCHEMAS);

        assertThat(other).isNotSameAs(demo);
        assertThat(programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS)).isSameAs(demo);
        assertThat(programs.compiled("other", 7, DOUBLE_QUOTE, SOURCE_SCHEMAS)).isSameAs(other);
    }

    @Test
    void evictsLeastRecentlyUsedBeyondMaximumSize() {
        OnDemandFeatureView first = renamed(RIDE_QUOTE, "first");
        OnDemandFeatureView second = renamed(RIDE_QUOTE, "second");
        OnDemandFeatureView third = renamed(RIDE_QUOTE, "third");
        CompilationResult firstResult = programs.compiled("demo", 1, first, SOURCE_SCHEMAS);
        CompilationResult secondResult = programs.compiled("demo", 1, second, SOURCE_SCHEMAS);
        programs.compiled("demo", 1, first, SOURCE_SCHEMAS);

        programs.compiled("demo", 1, third, SOURCE_SCHEMAS);

        assertThat(programs.size()).isEqualTo(2);
        assertThat(programs.compiled("demo", 1, first, SOURCE_SCHEMAS)).isSameAs(firstResult);
        assertThat(programs.compiled("demo", 1, second, SOURCE_SCHEMAS)).isNotSameAs(secondResult);
    }

    @Test
    void forgetsInvalidatedViewsAndProjects() {
        CompilationResult demo = programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS);
        programs.compiled("other", 7, RIDE_QUOTE, SOURCE_SCHEMAS);

        programs.invalidate("demo", "ride_quote");
        assertThat(programs.size()).isEqualTo(1);
        assertThat(programs.compiled("demo", 7, RIDE_QUOTE, SOURCE_SCHEMAS)).isNotSameAs(demo);

        programs.invalidateProject("other");
        assertThat(programs.size()).isEqualTo(1);
    }

    @Test
    void rejectsMaximumSizeBelowOne() {
        assertThatThrownBy(() -> new OnDemandPrograms(new OnDemandCompiler(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumSize must be at least 1, was 0");
    }

    private static OnDemandFeatureView renamed(OnDemandFeatureView view, String name) {
        return new OnDemandFeatureView(name, view.sources(), view.schema(), view.expressions());
    }
}
