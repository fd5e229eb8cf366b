package dev.featurestore.registry.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.ExistingObjects;
import dev.featurestore.contracts.validation.ValidationError;
import dev.featurestore.registry.domain.Documents;
import org.junit.jupiter.api.Test;

class TransformsExpressionCheckerTest {
    private final TransformsExpressionChecker checker = new TransformsExpressionChecker();

    @Test
    void designExampleExpressionCompiles() {
        DefinitionDocument document = DefinitionDocuments.parse(Documents.designExample()).document();

        assertThat(checker.check(document, ExistingObjects.none())).isEmpty();
    }

    @Test
    void unknownFieldAndWrongResultTypeAreReportedAtTheExpression() {
        DefinitionDocument document = DefinitionDocuments.parse(Documents.designExampleWith(
                "\"ride_request.distance_km * 1.2 + driver_hourly.conv_rate\"", "\"ride_request.distnce_km * 1.2\"")).document();
        DefinitionDocument wrongType = DefinitionDocuments.parse(Documents.designExampleWith(
                "\"ride_request.distance_km * 1.2 + driver_hourly.conv_rate\"", "\"driver_hourly.trips_today > 2\"")).document();

        assertThat(checker.check(document, ExistingObjects.none())).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("on_demand_feature_views[0].expressions.quote");
            assertThat(error.message()).contains("distnce_km");
        });
        assertThat(checker.check(wrongType, ExistingObjects.none())).extracting(ValidationError::path)
                .containsExactly("on_demand_feature_views[0].expressions.quote");
    }

    @Test
    void sourcesAlreadyInTheRegistryGiveTheirSchemas() {
        DefinitionDocument registry = DefinitionDocuments.parse(Documents.designExample()).document();
        DefinitionDocument onlyView = new DefinitionDocument(null, null, null, registry.onDemandFeatureViews(), null);

        assertThat(checker.check(onlyView, ExistingObjects.of(registry))).isEmpty();
    }
}
