package dev.featurestore.transforms;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.ValueType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of the example definition document (docs/architecture.md, "Definitions") and small builders for test views.
 */
final class Views {
    static final Map<String, List<Field>> SOURCE_SCHEMAS = Map.of(
            "driver_hourly", List.of(new Field("conv_rate", ValueType.FLOAT64), new Field("trips_today", ValueType.INT64)),
            "ride_request", List.of(new Field("distance_km", ValueType.FLOAT64)));

    static final OnDemandFeatureView RIDE_QUOTE = new OnDemandFeatureView(
            "ride_quote",
            List.of("driver_hourly", "ride_request"),
            List.of(new Field("quote", ValueType.FLOAT64)),
            Map.of("quote", "ride_request.distance_km * 1.2 + driver_hourly.conv_rate"));

    private Views() {
    }

    /**
     * A view over the given sources with features given as (name, dtype, expression) triples.
     */
    static OnDemandFeatureView view(List<String> sources, Object... features) {
        List<Field> schema = new java.util.ArrayList<>();
        Map<String, String> expressions = new LinkedHashMap<>();
        for (int index = 0; index < features.length; index += 3) {
            String name = (String) features[index];
            schema.add(new Field(name, (ValueType) features[index + 1]));
            expressions.put(name, (String) features[index + 2]);
        }
        return new OnDemandFeatureView("test_view", sources, schema, expressions);
    }

    static Map<String, Object> row(Object... fieldsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int index = 0; index < fieldsAndValues.length; index += 2) {
            row.put((String) fieldsAndValues[index], fieldsAndValues[index + 1]);
        }
        return row;
    }
}
