package dev.featurestore.registry.domain;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.validation.ExistingObjects;
import dev.featurestore.contracts.validation.ValidationError;
import java.util.List;

/**
 * Compiles and type-checks the expressions of a document's on-demand feature views against their
 * inputs. Asked only for a document the contracts validator accepted; its errors are reported with
 * the validator's, as 400 {@code errors[]} (paths such as
 * {@code on_demand_feature_views[0].expressions.quote}).
 */
public interface ExpressionChecker {
    /**
     * Checks every expression of the document.
     *
     * @param document a document the contracts validator accepted
     * @param existing objects already in the registry that the document may refer to
     * @return every problem, empty when every expression compiles and has its field's type
     */
    List<ValidationError> check(DefinitionDocument document, ExistingObjects existing);
}
