package dev.featurestore.registryclient;

import dev.featurestore.contracts.definition.Field;
import java.util.Locale;
import java.util.Map;

/**
 * Which features are sensitive: a feature tagged {@code pii} (any value but {@code false}), every feature of a view
 * tagged {@code pii}, and every feature of an on-demand view that reads a sensitive feature (its output may carry it).
 * Only callers allowed to read {@code pii} get them (see docs/security.md).
 */
public final class Sensitivity {
    public static final String TAG = "pii";

    private Sensitivity() {
    }

    public static boolean isSensitive(ResolvedView view, Field field) {
        return tagged(field.tags()) || isSensitive(view);
    }

    /** Whether every feature of the view is sensitive. */
    public static boolean isSensitive(ResolvedView view) {
        if (view instanceof ResolvedFeatureView featureView) {
            return tagged(featureView.definition().tags());
        }
        ResolvedOnDemandView onDemandView = (ResolvedOnDemandView) view;
        return tagged(onDemandView.definition().tags())
                || onDemandView.sourceViews().stream().anyMatch(source -> source.schema().stream().anyMatch(field -> isSensitive(source, field)));
    }

    static boolean tagged(Map<String, String> tags) {
        if (tags == null || !tags.containsKey(TAG)) {
            return false;
        }
        String value = tags.get(TAG);
        return value == null || !"false".equals(value.strip().toLowerCase(Locale.ROOT));
    }
}
