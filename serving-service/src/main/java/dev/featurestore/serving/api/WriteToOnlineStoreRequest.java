package dev.featurestore.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /write-to-online-store}, Feast's request (what its remote online store sends).
 *
 * @param featureViewName the feature view written
 * @param df the rows as columns: the view's join keys and features by name, {@code event_timestamp} and optionally
 *     {@code created}
 * @param allowRegistryCache accepted for Feast's sake; the registry's cache is always used (a name missing from it
 *     re-fetches the project's definitions once, so a view applied a moment ago is found)
 * @param transformOnWrite accepted for Feast's sake; no effect: feature views here have no transformations (on-demand
 *     views are computed when read)
 */
@Serdeable
public record WriteToOnlineStoreRequest(
        @JsonProperty("feature_view_name") @Nullable String featureViewName,
        @Nullable Map<String, List<Object>> df,
        @JsonProperty("allow_registry_cache") @Nullable Boolean allowRegistryCache,
        @JsonProperty("transform_on_write") @Nullable Boolean transformOnWrite) {
}
