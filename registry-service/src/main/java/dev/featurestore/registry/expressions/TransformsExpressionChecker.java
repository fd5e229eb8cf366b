package dev.featurestore.registry.expressions;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.contracts.validation.ExistingObjects;
import dev.featurestore.contracts.validation.ValidationError;
import dev.featurestore.registry.domain.ExpressionChecker;
import dev.featurestore.transforms.CompilationResult;
import dev.featurestore.transforms.ExpressionError;
import dev.featurestore.transforms.OnDemandCompiler;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles and type-checks every on-demand expression with libs/transforms (CEL), against the
 * schemas of the view's sources: feature views and on-demand views (their features) and request
 * sources (their fields), found in the document first, else among the registry's objects.
 * Errors are reported at {@code on_demand_feature_views[i].expressions.<feature>}.
 */
@Singleton
final class TransformsExpressionChecker implements ExpressionChecker {
    private final OnDemandCompiler compiler = new OnDemandCompiler();

    @Override
    public List<ValidationError> check(DefinitionDocument document, ExistingObjects existing) {
        List<ValidationError> errors = new ArrayList<>();
        List<OnDemandFeatureView> views = document.onDemandFeatureViewsOrEmpty();
        for (int index = 0; index < views.size(); index++) {
            OnDemandFeatureView view = views.get(index);
            Map<String, List<Field>> schemas = new LinkedHashMap<>();
            for (String source : view.sources()) {
                schemaOf(source, document, existing).ifPresent(schema -> schemas.put(source, schema));
            }
            CompilationResult result = compiler.compile(view, schemas);
            if (!result.succeeded()) {
                for (ExpressionError error : result.errors()) {
                    errors.add(new ValidationError("on_demand_feature_views[%d].expressions.%s".formatted(index, error.feature()), error.message()));
                }
            }
        }
        return List.copyOf(errors);
    }

    private static Optional<List<Field>> schemaOf(String source, DefinitionDocument document, ExistingObjects existing) {
        Optional<List<Field>> inDocument = document.featureViewsOrEmpty().stream().filter(view -> view.name().equals(source))
                .findFirst().map(FeatureView::schema)
                .or(() -> document.onDemandFeatureViewsOrEmpty().stream().filter(view -> view.name().equals(source))
                        .findFirst().map(OnDemandFeatureView::schema))
                .or(() -> document.dataSourcesOrEmpty().stream().filter(candidate -> candidate.name().equals(source))
                        .findFirst().flatMap(TransformsExpressionChecker::requestSchema));
        if (inDocument.isPresent()) {
            return inDocument;
        }
        return existing.featureView(source).map(FeatureView::schema)
                .or(() -> existing.onDemandFeatureView(source).map(OnDemandFeatureView::schema))
                .or(() -> existing.dataSource(source).flatMap(TransformsExpressionChecker::requestSchema));
    }

    private static Optional<List<Field>> requestSchema(DataSource source) {
        return source instanceof RequestSource request ? Optional.of(request.schema()) : Optional.empty();
    }
}
