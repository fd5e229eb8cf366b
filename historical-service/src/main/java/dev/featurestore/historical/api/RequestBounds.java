package dev.featurestore.historical.api;

import dev.featurestore.contracts.validation.Limits;
import dev.featurestore.contracts.validation.Names;
import dev.featurestore.contracts.validation.Text;
import dev.featurestore.runtime.error.FieldError;
import java.util.List;

/**
 * The bounds of a {@link HistoricalFeaturesRequest}'s names and texts (docs/limits.md), checked before anything is
 * looked up or stored: the request is kept in PostgreSQL, which refuses NUL.
 */
final class RequestBounds {
    private RequestBounds() {
    }

    static void check(HistoricalFeaturesRequest body, List<FieldError> errors) {
        if (body.features() != null) {
            if (body.features().size() > Limits.MAX_FIELDS) {
                errors.add(new FieldError("features", "%d references, at most %d".formatted(body.features().size(), Limits.MAX_FIELDS)));
            } else {
                for (int i = 0; i < body.features().size(); i++) {
                    String reference = body.features().get(i);
                    String path = "features[%d]".formatted(i);
                    if (reference == null) {
                        errors.add(new FieldError(path, "must not be null"));
                    } else {
                        Text.problem(reference, 2 * Limits.MAX_LOOKUP_NAME_LENGTH + 1, false).ifPresent(problem -> errors.add(new FieldError(path, problem)));
                    }
                }
            }
        }
        if (body.featureService() != null) {
            Names.lookupProblem(body.featureService()).ifPresent(problem -> errors.add(new FieldError("feature_service", problem)));
        }
        text("event_timestamp_column", body.eventTimestampColumn(), Limits.MAX_COLUMN_NAME_LENGTH, errors);
        text("output_uri", body.outputUri(), Limits.MAX_PATH_LENGTH, errors);
        if (body.entitySource() != null) {
            text("entity_source.uri", body.entitySource().uri(), Limits.MAX_PATH_LENGTH, errors);
        }
    }

    private static void text(String path, String value, int maxLength, List<FieldError> errors) {
        if (value != null) {
            Text.problem(value, maxLength, false).ifPresent(problem -> errors.add(new FieldError(path, problem)));
        }
    }
}
