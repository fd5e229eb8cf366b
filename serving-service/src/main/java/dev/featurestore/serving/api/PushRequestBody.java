package dev.featurestore.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /push}, Feast's push request.
 *
 * @param pushSourceName the push source
 * @param df the rows as columns, named as the push source's batch source columns
 * @param to {@code online} (the default), {@code offline} or {@code online_and_offline}
 */
@Serdeable
public record PushRequestBody(
        @JsonProperty("push_source_name") @Nullable String pushSourceName,
        @Nullable Map<String, List<Object>> df,
        @Nullable String to) {
}
