package dev.featurestore.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.featurestore.contracts.api.PlanAction;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureDuration;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.ValueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final DefinitionObject DRIVER = entity(new Entity("driver", List.of(new JoinKey("driver_id", ValueType.INT64))));
    private static final DefinitionObject SOURCE = source(new ParquetSource("stats", "s3://b/stats/", "event_timestamp"));
    private static final FeatureView VIEW = new FeatureView("driver_hourly", List.of("driver"), "stats",
            List.of(new Field("conv_rate", ValueType.FLOAT64), new Field("trips_today", ValueType.INT32)));

    @Test
    void newObjectsAreCreatedInKindOrder() {
        Plan plan = Planner.plan(List.of(view(VIEW), SOURCE, DRIVER), List.of(), false);

        assertThat(plan.changes()).extracting(PlannedChange::kind, PlannedChange::action).containsExactly(
                tuple(ObjectKind.ENTITY, PlanAction.CREATE),
                tuple(ObjectKind.DATA_SOURCE, PlanAction.CREATE),
                tuple(ObjectKind.FEATURE_VIEW, PlanAction.CREATE));
        assertThat(plan.breakingChanges()).isEmpty();
    }

    @Test
    void sameObjectsAreUnchanged() {
        Plan plan = Planner.plan(List.of(DRIVER, SOURCE, view(VIEW)), List.of(DRIVER, SOURCE, view(VIEW)), false);

        assertThat(plan.changes()).extracting(PlannedChange::action).containsOnly(PlanAction.UNCHANGED);
        assertThat(plan.changesSomething()).isFalse();
    }

    @Test
    void dtypeChangeIsAnUpdateWithDiffNamingTheFieldAndIsBreaking() {
        FeatureView changed = new FeatureView("driver_hourly", List.of("driver"), "stats",
                List.of(new Field("conv_rate", ValueType.FLOAT64), new Field("trips_today", ValueType.INT64)));

        PlannedChange change = Planner.change(view(VIEW), view(changed));

        assertThat(change.action()).isEqualTo(PlanAction.UPDATE);
        assertThat(change.renderedDiffs()).containsExactly("schema.trips_today.dtype: INT32 -> INT64");
        assertThat(change.breakingChanges()).containsExactly(new BreakingChange(
                "feature_views.driver_hourly.schema.trips_today.dtype", "INT32 -> INT64: dtype changed (breaking)"));
    }

    @Test
    void addedFieldTagsAndDescriptionAreCompatibleWithQuotedStrings() {
        FeatureView changed = new FeatureView("driver_hourly", List.of("driver"), "stats", FeatureDuration.parse("2d"), null,
                List.of(new Field("conv_rate", ValueType.FLOAT64), new Field("trips_today", ValueType.INT32), new Field("trips_week", ValueType.INT64)),
                null, null, "Hourly stats", null, Map.of("team", "dispatch"));

        PlannedChange change = Planner.change(view(VIEW), view(changed));

        assertThat(change.renderedDiffs()).containsExactly(
                "schema.trips_week: (none) -> {name: \"trips_week\", dtype: INT64}",
                "ttl: (none) -> \"2d\"",
                "description: (none) -> \"Hourly stats\"",
                "tags.team: (none) -> \"dispatch\"");
        assertThat(change.breakingChanges()).isEmpty();
    }

    @Test
    void removedOrRenamedFieldAndChangedEntitiesAreBreaking() {
        FeatureView changed = new FeatureView("driver_hourly", List.of("driver", "rider"), "stats",
                List.of(new Field("conversion_rate", ValueType.FLOAT64), new Field("trips_today", ValueType.INT32)));

        PlannedChange change = Planner.change(view(VIEW), view(changed));

        assertThat(change.renderedDiffs()).containsExactly(
                "entities: [\"driver\"] -> [\"driver\", \"rider\"]",
                "schema.conv_rate: {name: \"conv_rate\", dtype: FLOAT64} -> (none)",
                "schema.conversion_rate: (none) -> {name: \"conversion_rate\", dtype: FLOAT64}");
        assertThat(change.breakingChanges()).extracting(BreakingChange::path).containsExactly(
                "feature_views.driver_hourly.entities", "feature_views.driver_hourly.schema.conv_rate");
    }

    @Test
    void changedTimestampFieldOfASourceIsBreaking() {
        PlannedChange change = Planner.change(SOURCE, source(new ParquetSource("stats", "s3://b/stats/", "ts")));

        assertThat(change.renderedDiffs()).containsExactly("timestamp_field: \"event_timestamp\" -> \"ts\"");
        assertThat(change.breakingChanges()).extracting(BreakingChange::path).containsExactly("data_sources.stats.timestamp_field");
    }

    @Test
    void changedJoinKeyTypeIsBreaking() {
        PlannedChange change = Planner.change(DRIVER, entity(new Entity("driver", List.of(new JoinKey("driver_id", ValueType.STRING)))));

        assertThat(change.renderedDiffs()).containsExactly("join_keys.driver_id.value_type: INT64 -> STRING");
        assertThat(change.breakingChanges()).hasSize(1);
    }

    @Test
    void reorderedSchemaIsAnUpdate() {
        FeatureView reordered = new FeatureView("driver_hourly", List.of("driver"), "stats",
                List.of(new Field("trips_today", ValueType.INT32), new Field("conv_rate", ValueType.FLOAT64)));

        PlannedChange change = Planner.change(view(VIEW), view(reordered));

        assertThat(change.renderedDiffs()).containsExactly("schema: [\"conv_rate\", \"trips_today\"] -> [\"trips_today\", \"conv_rate\"]");
        assertThat(change.breakingChanges()).isEmpty();
    }

    @Test
    void pruneDeletesObjectsTheDocumentDoesNotName() {
        Plan withoutPrune = Planner.plan(List.of(DRIVER), List.of(DRIVER, SOURCE), false);
        Plan withPrune = Planner.plan(List.of(DRIVER), List.of(DRIVER, SOURCE), true);

        assertThat(withoutPrune.changes()).extracting(PlannedChange::action).containsExactly(PlanAction.UNCHANGED);
        assertThat(withPrune.changes()).extracting(PlannedChange::name, PlannedChange::action).containsExactly(
                tuple("driver", PlanAction.UNCHANGED),
                tuple("stats", PlanAction.DELETE));
    }

    private static DefinitionObject entity(Entity entity) {
        return new DefinitionObject(ObjectKind.ENTITY, entity.name(), entity);
    }

    private static DefinitionObject source(ParquetSource source) {
        return new DefinitionObject(ObjectKind.DATA_SOURCE, source.name(), source);
    }

    private static DefinitionObject view(FeatureView view) {
        return new DefinitionObject(ObjectKind.FEATURE_VIEW, view.name(), view);
    }
}
