package dev.featurestore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Definition documents (JSON text, the shape {@code POST /v1/projects/{p}/apply} takes) of a
 * generated project: {@code views} feature views of {@code featuresPerView} features each, one
 * parquet source per view, {@code views / 10} entities, a few on-demand views and feature services.
 *
 * @param views number of feature views
 * @param featuresPerView features in each view's schema
 */
record BenchDocument(int views, int featuresPerView) {
    private static final List<String> DTYPES = List.of("FLOAT64", "INT64", "STRING", "BOOL", "FLOAT32");
    private static final int ON_DEMAND_VIEWS = 5;
    private static final int FEATURE_SERVICES = 10;
    private static final int VIEWS_PER_SERVICE = 20;

    BenchDocument {
        if (views < 1 || featuresPerView < 1) {
            throw new IllegalArgumentException("views and featuresPerView must be positive, got %d and %d".formatted(views, featuresPerView));
        }
    }

    int entities() {
        return Math.max(1, views / 10);
    }

    int onDemandViews() {
        return Math.min(ON_DEMAND_VIEWS, views);
    }

    int featureServices() {
        return FEATURE_SERVICES;
    }

    static String viewName(int index) {
        return "view_%03d".formatted(index);
    }

    /** The whole project. */
    String project() {
        StringJoiner entityItems = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (int entity = 0; entity < entities(); entity++) {
            entityItems.add("""
                    {"name": "entity_%d", "join_keys": [{"name": "entity_%d_id", "value_type": "INT64"}], \
                    "description": "Generated entity %d", "owner": "bench@example.com"}""".formatted(entity, entity, entity));
        }
        StringJoiner sources = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        StringJoiner featureViews = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (int view = 0; view < views; view++) {
            sources.add("""
                    {"name": "source_%03d", "type": "parquet", "path": "s3://featurestore/bench/source_%03d/", \
                    "timestamp_field": "event_timestamp", "created_timestamp_column": "created"}""".formatted(view, view));
            featureViews.add(featureView(view, List.of()));
        }
        StringJoiner onDemand = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (int index = 0; index < onDemandViews(); index++) {
            String source = viewName(index);
            onDemand.add("""
                    {"name": "on_demand_%d", "sources": ["%s"], "schema": [{"name": "scaled", "dtype": "FLOAT64"}], \
                    "expressions": {"scaled": "%s.feature_00 * 2.0 + 1.0"}}""".formatted(index, source, source));
        }
        StringJoiner services = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (int service = 0; service < FEATURE_SERVICES; service++) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            for (int item = 0; item < Math.min(VIEWS_PER_SERVICE, views); item++) {
                int view = (service * VIEWS_PER_SERVICE + item) % views;
                items.add("{\"feature_view\": \"%s\", \"features\": [\"feature_00\", \"feature_01\"]}".formatted(viewName(view)));
            }
            items.add("{\"feature_view\": \"on_demand_%d\"}".formatted(service % onDemandViews()));
            services.add("{\"name\": \"service_%d\", \"owner\": \"bench@example.com\", \"features\": %s}".formatted(service, items));
        }
        return """
                {
                  "entities": %s,
                  "data_sources": %s,
                  "feature_views": %s,
                  "on_demand_feature_views": %s,
                  "feature_services": %s
                }
                """.formatted(entityItems, sources, featureViews, onDemand, services);
    }

    /**
     * A document naming only one view, with {@code addedFields} appended to its schema (a compatible
     * change); the view's entity and source are already in the project.
     */
    String changedView(int view, List<String> addedFields) {
        return "{\"feature_views\": [%s]}".formatted(featureView(view, addedFields));
    }

    private String featureView(int view, List<String> addedFields) {
        List<String> fields = new ArrayList<>();
        for (int feature = 0; feature < featuresPerView; feature++) {
            fields.add("{\"name\": \"feature_%02d\", \"dtype\": \"%s\"}".formatted(feature, DTYPES.get(feature % DTYPES.size())));
        }
        for (String added : addedFields) {
            fields.add("{\"name\": \"%s\", \"dtype\": \"FLOAT64\"}".formatted(added));
        }
        return """
                {"name": "%s", "entities": ["entity_%d"], "source": "source_%03d", "ttl": "1d", "online": true, \
                "freshness_sla": "26h", "materialization_interval": "1h", "owner": "team_%d@example.com", \
                "tags": {"team": "team_%d", "tier": "bench"}, "schema": [%s]}"""
                .formatted(viewName(view), view % entities(), view, view % 7, view % 7, String.join(", ", fields));
    }
}
