package dev.featurestore.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.events.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123456Z");

    private final InMemoryProjects projects = new InMemoryProjects();
    private final List<CloudEvent<?>> events = new ArrayList<>();
    private final Outbox outbox = events::add;
    private final ProjectService service = new ProjectService(projects, outbox, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createWritesTheProjectAndOneRegistryChangeEvent() {
        ProjectRecord created = service.create(new Project("fraud", "Card fraud", "risk@example.com"));

        assertThat(created).isEqualTo(new ProjectRecord("fraud", "Card fraud", "risk@example.com", 1, 1, Instant.parse("2026-11-21T10:00:00.123Z")));
        assertThat(projects.find("fraud")).contains(created);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("registry.object.changed");
            assertThat(event.subject()).isEqualTo("fraud/project/fraud");
            assertThat(event.data()).isEqualTo(new RegistryObjectChanged("fraud", ObjectKind.PROJECT, "fraud", ChangeAction.CREATED, 1, 1, List.of()));
        });
    }

    @Test
    void invalidNameWritesNothingAndNamesTheField() {
        assertThatThrownBy(() -> service.create(new Project("Fraud Team", null, null)))
                .isInstanceOfSatisfying(FeatureStoreException.class, error -> {
                    assertThat(error.code()).isEqualTo(CommonErrorCode.VALIDATION_FAILED);
                    assertThat(error.errors()).singleElement().satisfies(field -> {
                        assertThat(field.path()).isEqualTo("name");
                        assertThat(field.message()).contains("Fraud Team");
                    });
                });
        assertThat(projects.list()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void existingProjectIsAConflictAndPublishesNothingMore() {
        service.create(new Project("fraud", null, null));

        assertThatThrownBy(() -> service.create(new Project("fraud", null, null)))
                .isInstanceOfSatisfying(FeatureStoreException.class,
                        error -> assertThat(error.code()).isEqualTo(RegistryErrorCode.PROJECT_ALREADY_EXISTS));
        assertThat(events).hasSize(1);
    }

    @Test
    void unknownProjectIsNotFound() {
        assertThatThrownBy(() -> service.get("nobody"))
                .isInstanceOfSatisfying(FeatureStoreException.class,
                        error -> assertThat(error.code()).isEqualTo(RegistryErrorCode.PROJECT_NOT_FOUND));
    }
}
