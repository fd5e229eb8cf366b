package dev.featurestore.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.featurestore.contracts.api.ApplyResponse;
import dev.featurestore.contracts.api.ObjectChange;
import dev.featurestore.contracts.api.PlanAction;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.validation.ValidationError;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.events.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyServiceTest {
    private static final String TRIPS_TODAY = "{\"name\": \"trips_today\", \"dtype\": \"INT64\"}";

    private final InMemoryProjects projects = new InMemoryProjects();
    private final InMemoryDefinitions definitions = new InMemoryDefinitions();
    private final List<CloudEvent<?>> events = new ArrayList<>();
    private final Outbox outbox = events::add;
    private final List<ValidationError> expressionErrors = new ArrayList<>();
    private final ApplyService service = new ApplyService(projects, definitions, (document, existing) -> List.copyOf(expressionErrors),
            StorageRoots.of(List.of("s3://features/"), false, "featurestore"), outbox, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void firstApplyCreatesTheProjectAndEveryObjectWithOneEventEach() {
        ApplyResponse response = service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        assertThat(response.registryVersion()).isEqualTo(1);
        assertThat(response.dryRun()).isFalse();
        assertThat(response.changes()).extracting(ObjectChange::kind, ObjectChange::name, ObjectChange::action).containsExactly(
                tuple(ObjectKind.ENTITY, "driver", PlanAction.CREATE),
                tuple(ObjectKind.DATA_SOURCE, "driver_stats_src", PlanAction.CREATE),
                tuple(ObjectKind.DATA_SOURCE, "driver_push", PlanAction.CREATE),
                tuple(ObjectKind.DATA_SOURCE, "driver_events", PlanAction.CREATE),
                tuple(ObjectKind.DATA_SOURCE, "ride_request", PlanAction.CREATE),
                tuple(ObjectKind.FEATURE_VIEW, "driver_hourly", PlanAction.CREATE),
                tuple(ObjectKind.ON_DEMAND_FEATURE_VIEW, "ride_quote", PlanAction.CREATE),
                tuple(ObjectKind.FEATURE_SERVICE, "dispatch_v1", PlanAction.CREATE));
        assertThat(projects.find("rides")).hasValueSatisfying(project -> assertThat(project.registryVersion()).isEqualTo(1));
        assertThat(definitions.current("rides")).hasSize(8).allSatisfy(version -> assertThat(version.version()).isEqualTo(1));
        assertThat(events).hasSize(9);
        assertThat(events.get(0).data()).isEqualTo(new RegistryObjectChanged("rides", ObjectKind.PROJECT, "rides", ChangeAction.CREATED, 1, 1, List.of()));
        assertThat(definitions.allAudit()).hasSize(9).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("anonymous"));
    }

    @Test
    void sameDocumentAgainChangesNothing() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        ApplyResponse again = service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        assertThat(again.registryVersion()).isEqualTo(1);
        assertThat(again.changes()).extracting(ObjectChange::action).containsOnly(PlanAction.UNCHANGED);
        assertThat(events).hasSize(9);
    }

    @Test
    void compatibleChangeIsAnUpdateWithDiffsAndANewVersion() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        ApplyResponse response = service.apply("rides", Documents.designExampleWith(TRIPS_TODAY,
                TRIPS_TODAY + ", {\"name\": \"trips_week\", \"dtype\": \"INT64\"}"), new ApplyOptions(false, false, false, 1L, "alice"));

        assertThat(response.registryVersion()).isEqualTo(2);
        assertThat(response.changes()).filteredOn(change -> change.action() != PlanAction.UNCHANGED).containsExactly(new ObjectChange(
                ObjectKind.FEATURE_VIEW, "driver_hourly", PlanAction.UPDATE, List.of("schema.trips_week: (none) -> {name: \"trips_week\", dtype: INT64}")));
        assertThat(definitions.latest("rides", ObjectKind.FEATURE_VIEW, "driver_hourly"))
                .hasValueSatisfying(version -> assertThat(version.version()).isEqualTo(2));
        assertThat(events.get(events.size() - 1).data()).isEqualTo(new RegistryObjectChanged("rides", ObjectKind.FEATURE_VIEW, "driver_hourly",
                ChangeAction.UPDATED, 2, 2, List.of("schema.trips_week: (none) -> {name: \"trips_week\", dtype: INT64}")));
        assertThat(definitions.audit("rides", null, 1)).singleElement().satisfies(entry -> assertThat(entry.actor()).isEqualTo("alice"));
    }

    @Test
    void breakingChangeIsRefusedNamingItUnlessAllowed() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());
        String changed = Documents.designExampleWith(TRIPS_TODAY, "{\"name\": \"trips_today\", \"dtype\": \"INT32\"}");

        assertThatThrownBy(() -> service.apply("rides", changed, ApplyOptions.defaults()))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> {
                    assertThat(error.code()).isEqualTo(RegistryErrorCode.BREAKING_CHANGE);
                    assertThat(error.errors()).containsExactly(new FieldError(
                            "feature_views.driver_hourly.schema.trips_today.dtype", "INT64 -> INT32: dtype changed (breaking)"));
                });
        assertThat(events).hasSize(9);

        ApplyResponse accepted = service.apply("rides", changed, new ApplyOptions(false, false, true, null, "anonymous"));

        assertThat(accepted.changes()).filteredOn(change -> change.action() == PlanAction.UPDATE)
                .singleElement().satisfies(change -> assertThat(change.diffs()).containsExactly("schema.trips_today.dtype: INT64 -> INT32"));
    }

    @Test
    void dryRunPlansAndWritesNothing() {
        ApplyResponse plan = service.apply("rides", Documents.designExample(), new ApplyOptions(true, false, false, null, "anonymous"));

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.registryVersion()).isZero();
        assertThat(plan.changes()).hasSize(8).extracting(ObjectChange::action).containsOnly(PlanAction.CREATE);
        assertThat(projects.list()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void pruneDeletesWhatTheDocumentNoLongerNames() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());
        String withoutService = Documents.designExampleWith(Documents.designExample().substring(
                Documents.designExample().indexOf(",\n  \"feature_services\""), Documents.designExample().lastIndexOf('}')), "\n");

        ApplyResponse kept = service.apply("rides", withoutService, ApplyOptions.defaults());
        ApplyResponse pruned = service.apply("rides", withoutService, new ApplyOptions(false, true, false, null, "bob"));

        assertThat(kept.changes()).extracting(ObjectChange::action).containsOnly(PlanAction.UNCHANGED);
        assertThat(pruned.registryVersion()).isEqualTo(2);
        assertThat(pruned.changes()).filteredOn(change -> change.action() == PlanAction.DELETE)
                .extracting(ObjectChange::name).containsExactly("dispatch_v1");
        assertThat(definitions.current("rides")).hasSize(7);
        assertThat(definitions.latest("rides", ObjectKind.FEATURE_SERVICE, "dispatch_v1"))
                .hasValueSatisfying(version -> assertThat(version.deleted()).isTrue());
    }

    @Test
    void referenceToAnExistingObjectIsResolvedInTheRegistry() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        ApplyResponse response = service.apply("rides",
                "{\"feature_services\": [{\"name\": \"quotes\", \"features\": [{\"feature_view\": \"ride_quote\"}]}]}", ApplyOptions.defaults());

        assertThat(response.changes()).containsExactly(new ObjectChange(ObjectKind.FEATURE_SERVICE, "quotes", PlanAction.CREATE, List.of()));
    }

    @Test
    void registryVersionMismatchIsAConflict() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        assertThatThrownBy(() -> service.apply("rides", Documents.designExample(), new ApplyOptions(false, false, false, 7L, "anonymous")))
                .isInstanceOfSatisfying(FeatureStoreException.class,
                        error -> assertThat(error.code()).isEqualTo(RegistryErrorCode.REGISTRY_VERSION_MISMATCH));
    }

    @Test
    void invalidDocumentListsEveryProblemAndWritesNothing() {
        String invalid = Documents.designExampleWith("\"entities\": [\"driver\"]", "\"entities\": [\"rider\"]")
                .replace("\"dtype\": \"INT64\"", "\"dtype\": \"INT65\"");

        assertThatThrownBy(() -> service.apply("rides", invalid, ApplyOptions.defaults()))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> {
                    assertThat(error.code()).isEqualTo(CommonErrorCode.VALIDATION_FAILED);
                    assertThat(error.errors()).extracting(FieldError::path)
                            .contains("feature_views[0].entities[0]", "feature_views[0].schema[1].dtype");
                });
        assertThat(projects.list()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void expressionErrorsAreReportedAsValidationErrors() {
        expressionErrors.add(new ValidationError("on_demand_feature_views[0].expressions.quote", "no such field"));

        assertThatThrownBy(() -> service.apply("rides", Documents.designExample(), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> assertThat(error.errors())
                        .containsExactly(new FieldError("on_demand_feature_views[0].expressions.quote", "no such field")));
        assertThat(projects.list()).isEmpty();
    }

    @Test
    void badProjectNameIsRefused() {
        assertThatThrownBy(() -> service.apply("Rides!", Documents.designExample(), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> assertThat(error.errors())
                        .extracting(FieldError::path).containsExactly("project"));
    }

    @Test
    void deleteIsRefusedWhileReferencedNamingEveryUser() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        assertThatThrownBy(() -> service.delete("rides", ObjectKind.FEATURE_VIEW, "driver_hourly", ApplyOptions.defaults()))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> {
                    assertThat(error.code()).isEqualTo(RegistryErrorCode.OBJECT_IN_USE);
                    assertThat(error.getMessage()).contains("on_demand_feature_view 'ride_quote'").contains("feature_service 'dispatch_v1'");
                    assertThat(error.errors()).extracting(FieldError::path)
                            .containsExactly("on_demand_feature_views.ride_quote", "feature_services.dispatch_v1");
                });
        assertThat(events).hasSize(9);
    }

    @Test
    void deleteOfAnUnusedObjectWritesATombstoneVersion() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());

        ApplyResponse deleted = service.delete("rides", ObjectKind.FEATURE_SERVICE, "dispatch_v1", new ApplyOptions(false, false, false, 1L, "carol"));

        assertThat(deleted.registryVersion()).isEqualTo(2);
        assertThat(deleted.changes()).containsExactly(new ObjectChange(ObjectKind.FEATURE_SERVICE, "dispatch_v1", PlanAction.DELETE, List.of()));
        assertThat(definitions.versions("rides", ObjectKind.FEATURE_SERVICE, "dispatch_v1"))
                .extracting(ObjectVersion::version, ObjectVersion::deleted).containsExactly(tuple(1, false), tuple(2, true));
        assertThat(events.get(events.size() - 1).data()).isEqualTo(new RegistryObjectChanged("rides", ObjectKind.FEATURE_SERVICE, "dispatch_v1",
                ChangeAction.DELETED, 2, 2, List.of()));
    }

    @Test
    void removingAFeatureThatAnObjectOutsideTheDocumentUsesIsRefusedEvenWhenBreakingIsAllowed() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());
        String viewOnly = "{\"feature_views\": [{\"name\": \"driver_hourly\", \"entities\": [\"driver\"], \"source\": \"driver_push\","
                + " \"schema\": [{\"name\": \"trips_today\", \"dtype\": \"INT64\"}]}]}";

        assertThatThrownBy(() -> service.apply("rides", viewOnly, new ApplyOptions(false, false, true, null, "anonymous")))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> {
                    assertThat(error.code()).isEqualTo(RegistryErrorCode.OBJECT_IN_USE);
                    assertThat(error.errors()).extracting(FieldError::path).allSatisfy(path -> assertThat(path)
                            .matches("(feature_services\\.dispatch_v1|on_demand_feature_views\\.ride_quote).*"));
                    assertThat(error.getMessage()).contains("conv_rate");
                });
        assertThat(events).hasSize(9);
    }

    @Test
    void putCreatesOneObjectWhoseNameMustMatch() {
        service.apply("rides", Documents.designExample(), ApplyOptions.defaults());
        String entity = "{\"name\": \"rider\", \"join_keys\": [{\"name\": \"rider_id\", \"value_type\": \"STRING\"}]}";

        ApplyResponse created = service.put("rides", ObjectKind.ENTITY, "rider", entity, ApplyOptions.defaults());

        assertThat(created.changes()).containsExactly(new ObjectChange(ObjectKind.ENTITY, "rider", PlanAction.CREATE, List.of()));
        assertThatThrownBy(() -> service.put("rides", ObjectKind.ENTITY, "passenger", entity, ApplyOptions.defaults()))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> assertThat(error.errors())
                        .containsExactly(new FieldError("name", "is 'rider' but the URL names 'passenger'")));
    }
}
