package dev.featurestore.registryclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.PushSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.registryclient.RegistryLookupException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectRegistryTest {
    private final ProjectRegistry registry = ProjectRegistry.of(Documents.dispatchSnapshot("dispatch", 7));

    @Test
    void resolvesFeatureViewWithEntitiesJoinKeysTtlAndThePushSourcesBatchSourceAsOfflineSource() {
        ResolvedFeatureView view = registry.featureView("driver_hourly");

        assertThat(view.project()).isEqualTo("dispatch");
        assertThat(view.schema()).containsExactly(new Field("conv_rate", ValueType.FLOAT64), new Field("trips_today", ValueType.INT64));
        assertThat(view.entities()).extracting(ResolvedEntity::name).containsExactly("driver");
        assertThat(view.joinKeys()).containsExactly(new JoinKey("driver_id", ValueType.INT64));
        assertThat(view.ttl()).isEqualTo(Duration.ofDays(2));
        assertThat(view.online()).isTrue();
        assertThat(view.freshnessSla()).contains(Duration.ofHours(26));
        assertThat(view.materializationInterval()).contains(Duration.ofHours(1));
        assertThat(view.source()).isInstanceOf(PushSource.class).extracting(source -> source.name()).isEqualTo("driver_push");
        assertThat(view.offlineSource().name()).isEqualTo("driver_stats_src");
        assertThat(view.offlineSource().path()).isEqualTo("s3://features/driver_stats/");
        assertThat(view.timestampField()).isEqualTo("event_timestamp");
        assertThat(view.createdTimestampColumn()).contains("created");
        assertThat(view.fieldMapping()).isEqualTo(Map.of("conv", "conv_rate"));
    }

    @Test
    void offlineSourceOfAKafkaFedViewIsItsBatchSourceAndOfAParquetFedViewItsSourceItself() {
        ResolvedFeatureView live = registry.featureView("driver_live");
        ResolvedFeatureView routes = registry.featureView("route_stats");

        assertThat(live.source()).isInstanceOf(KafkaSource.class);
        assertThat(live.offlineSource().name()).isEqualTo("driver_stats_src");
        assertThat(live.feature("embedding")).contains(new Field("embedding", ValueType.FLOAT32_LIST));
        assertThat(routes.source()).isInstanceOf(ParquetSource.class).isSameAs(routes.offlineSource());
        assertThat(routes.createdTimestampColumn()).isEmpty();
        assertThat(routes.fieldMapping()).isEmpty();
        assertThat(routes.online()).isFalse();
    }

    @Test
    void ttlZeroOrAbsentMeansNoLimit() {
        assertThat(registry.featureView("driver_live").ttl()).isZero();
        assertThat(registry.featureView("route_stats").ttl()).isZero();
    }

    @Test
    void compositeKeyEntitiesKeepTheirKeyOrderAndTheViewsEntityOrder() {
        ResolvedFeatureView routes = registry.featureView("route_stats");

        assertThat(routes.entities()).extracting(ResolvedEntity::name).containsExactly("route", "driver");
        assertThat(routes.joinKeyNames()).containsExactly("origin", "destination", "driver_id");
        assertThat(routes.joinKeys()).first().isEqualTo(new JoinKey("origin", ValueType.STRING));
    }

    @Test
    void resolvesOnDemandViewWithExpressionsSourceViewsAndRequestSources() {
        ResolvedOnDemandView quote = registry.onDemandFeatureView("ride_quote");

        assertThat(quote.expressions()).containsExactly(Map.entry("quote", "ride_request.distance_km * 1.2 + driver_hourly.conv_rate"));
        assertThat(quote.sourceViews()).extracting(ResolvedView::name).containsExactly("driver_hourly");
        assertThat(quote.requestSources()).extracting(source -> source.name()).containsExactly("ride_request");
        assertThat(quote.requestSources().get(0).schema()).containsExactly(new Field("distance_km", ValueType.FLOAT64));
        assertThat(quote.entities()).extracting(ResolvedEntity::name).containsExactly("driver");
        assertThat(quote.schema()).containsExactly(new Field("quote", ValueType.FLOAT64));
    }

    @Test
    void onDemandViewOverAnotherReachesTheFeatureViewsAndRequestSourcesUnderneath() {
        ResolvedOnDemandView withTip = registry.onDemandFeatureView("quote_with_tip");

        assertThat(withTip.sourceViews()).extracting(ResolvedView::name).containsExactly("ride_quote", "route_stats");
        assertThat(withTip.sourceViews().get(0)).isSameAs(registry.onDemandFeatureView("ride_quote"));
        assertThat(withTip.featureViewsRead()).extracting(ResolvedView::name).containsExactly("driver_hourly", "route_stats");
        assertThat(withTip.requestSourcesRead()).extracting(source -> source.name()).containsExactly("ride_request");
        assertThat(withTip.entities()).extracting(ResolvedEntity::name).containsExactly("driver", "route");
    }

    @Test
    void resolvesReferencesInRequestOrderAndGroupsThemByView() {
        ResolvedFeatures features = registry.resolveFeatures(
                List.of("driver_hourly:trips_today", "ride_quote:quote", "driver_hourly:conv_rate", "route_stats:avg_minutes"));

        assertThat(features.project()).isEqualTo("dispatch");
        assertThat(features.registryVersion()).isEqualTo(7);
        assertThat(features.references()).extracting(FeatureReference::toString)
                .containsExactly("driver_hourly:trips_today", "ride_quote:quote", "driver_hourly:conv_rate", "route_stats:avg_minutes");
        assertThat(features.features()).extracting(feature -> feature.field().dtype())
                .containsExactly(ValueType.INT64, ValueType.FLOAT64, ValueType.FLOAT64, ValueType.FLOAT64);
        assertThat(features.views()).extracting(selection -> selection.view().name())
                .containsExactly("driver_hourly", "ride_quote", "route_stats");
        assertThat(features.views().get(0).featureNames()).containsExactly("trips_today", "conv_rate");
        assertThat(features.onDemandViews()).extracting(ResolvedView::name).containsExactly("ride_quote");
        assertThat(features.featureViewsToRead()).extracting(ResolvedView::name).containsExactly("driver_hourly", "route_stats");
        assertThat(features.entities()).extracting(ResolvedEntity::name).containsExactly("driver", "route");
        assertThat(features.requestSources()).extracting(source -> source.name()).containsExactly("ride_request");
    }

    @Test
    void featureViewsToReadIncludeWhatARequestedOnDemandViewReads() {
        ResolvedFeatures features = registry.resolveFeatures(List.of("quote_with_tip:total"));

        assertThat(features.featureViewsToRead()).extracting(ResolvedView::name).containsExactly("driver_hourly", "route_stats");
        assertThat(features.requestSources()).extracting(source -> source.name()).containsExactly("ride_request");
    }

    @Test
    void featureServiceItemWithoutFeaturesTakesEveryFeatureOfItsView() {
        ResolvedFeatures dispatch = registry.featureService("dispatch_v1");
        ResolvedFeatures live = registry.featureService("everything_live");

        assertThat(dispatch.references()).extracting(FeatureReference::toString).containsExactly("driver_hourly:conv_rate", "ride_quote:quote");
        assertThat(dispatch.featureViewsToRead()).extracting(ResolvedView::name).containsExactly("driver_hourly");
        assertThat(live.references()).extracting(FeatureReference::toString).containsExactly("driver_live:speed", "driver_live:embedding");
    }

    @Test
    void unknownViewNamesTheViewTheProjectTheVersionAndEveryView() {
        assertThatThrownBy(() -> registry.resolveFeatures(List.of("driver_hourlyy:conv_rate")))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FEATURE_VIEW);
                    assertThat(e.project()).contains("dispatch");
                    assertThat(e.name()).isEqualTo("driver_hourlyy");
                })
                .hasMessage("Unknown feature view 'driver_hourlyy' in project 'dispatch' (registry version 7); "
                        + "feature views: driver_hourly, driver_live, route_stats; on-demand feature views: quote_with_tip, ride_quote");
    }

    @Test
    void unknownFeatureNamesTheReferenceAndTheFeaturesOfItsView() {
        assertThatThrownBy(() -> registry.resolveFeatures(List.of("driver_hourly:conv")))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FEATURE);
                    assertThat(e.name()).isEqualTo("driver_hourly:conv");
                })
                .hasMessage("Unknown feature 'driver_hourly:conv' in project 'dispatch' (registry version 7): "
                        + "feature view 'driver_hourly' has conv_rate, trips_today");
        assertThatThrownBy(() -> registry.resolveFeatures(List.of("ride_quote:price")))
                .hasMessageContaining("on-demand feature view 'ride_quote' has quote");
    }

    @Test
    void severalUnknownReferencesAreAllNamedInOneError() {
        assertThatThrownBy(() -> registry.resolveFeatures(List.of("driver_hourly:conv_rate", "nope:x", "driver_hourly:speed", "other:y")))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.name()).isEqualTo("nope"))
                .hasMessageStartingWith("Unknown feature view 'nope'")
                .hasMessageEndingWith("(also unknown: 'driver_hourly:speed', 'other')");
    }

    @Test
    void malformedReferenceIsAnInvalidReferenceQuotingIt() {
        for (String reference : List.of("driver_hourly", ":conv_rate", "driver_hourly:", "a:b:c")) {
            assertThatThrownBy(() -> registry.resolveFeatures(List.of(reference)))
                    .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REFERENCE))
                    .hasMessage("Invalid feature reference '%s': expected 'view:feature'".formatted(reference));
        }
    }

    @Test
    void unknownFeatureServiceListsTheServices() {
        assertThatThrownBy(() -> registry.featureService("dispatch_v2"))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FEATURE_SERVICE))
                .hasMessage("Unknown feature service 'dispatch_v2' in project 'dispatch' (registry version 7); "
                        + "feature services: dispatch_v1, everything_live");
    }

    @Test
    void askingForTheWrongKindOfViewSaysWhichKindItIs() {
        assertThatThrownBy(() -> registry.featureView("ride_quote"))
                .hasMessageStartingWith("'ride_quote' in project 'dispatch' is an on-demand feature view, not a feature view");
        assertThatThrownBy(() -> registry.onDemandFeatureView("driver_hourly"))
                .hasMessageStartingWith("'driver_hourly' in project 'dispatch' is a feature view, not an on-demand feature view");
        assertThat(registry.view("ride_quote")).isInstanceOf(ResolvedOnDemandView.class);
        assertThat(registry.view("driver_hourly")).isInstanceOf(ResolvedFeatureView.class);
    }

    @Test
    void findsTheViewsASourceFeedsDirectlyOrOffline() {
        assertThat(registry.featureViewsFedBy("driver_push")).extracting(ResolvedView::name).containsExactly("driver_hourly");
        assertThat(registry.featureViewsFedBy("driver_stats_src")).extracting(ResolvedView::name).containsExactly("driver_hourly", "driver_live");
        assertThat(registry.featureViewsFedBy("route_src")).extracting(ResolvedView::name).containsExactly("route_stats");
        assertThat(registry.featureViewsFedBy("ride_request")).isEmpty();
        assertThatThrownBy(() -> registry.dataSource("nope"))
                .hasMessage("Unknown data source 'nope' in project 'dispatch' (registry version 7); "
                        + "data sources: driver_events, driver_push, driver_stats_src, ride_request, route_src");
    }

    @Test
    void resolvedValuesAreImmutable() {
        ResolvedFeatures features = registry.featureService("dispatch_v1");

        assertThatThrownBy(() -> features.features().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> registry.featureViews().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> registry.featureView("driver_hourly").entities().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> registry.onDemandFeatureView("ride_quote").expressions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anObjectOfABrokenSnapshotFailsOnlyItsOwnLookupsNamingWhatIsMissing() {
        DefinitionDocument document = new DefinitionDocument(
                List.of(new Entity("driver", List.of(new JoinKey("driver_id", ValueType.INT64)))),
                List.of(new ParquetSource("src", "s3://b/p/", "ts")),
                List.of(new FeatureView("good", List.of("driver"), "src", List.of(new Field("a", ValueType.INT64))),
                        new FeatureView("bad", List.of("rider"), "src", List.of(new Field("b", ValueType.INT64)))),
                null, null);
        ProjectRegistry broken = ProjectRegistry.of(Documents.snapshot("p", 3, document));

        assertThat(broken.featureView("good").name()).isEqualTo("good");
        assertThat(broken.featureViews()).extracting(ResolvedView::name).containsExactly("good");
        assertThatThrownBy(() -> broken.featureView("bad"))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCONSISTENT_SNAPSHOT))
                .hasMessage("Inconsistent registry snapshot of project 'p' (registry version 3): "
                        + "feature view 'bad' names entity 'rider', which the snapshot does not hold");
    }
}
