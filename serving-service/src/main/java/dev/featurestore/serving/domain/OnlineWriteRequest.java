package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one feature view to write online (Feast's {@code write-to-online-store}), values still as JSON gave them.
 *
 * @param project the project
 * @param featureView the feature view's name
 * @param columns the rows as columns: the view's join keys and features by name, {@link OnlineWrites#EVENT_TIMESTAMP}
 *     and optionally {@link OnlineWrites#CREATED}
 */
public record OnlineWriteRequest(String project, String featureView, Map<String, List<Object>> columns) {
    public OnlineWriteRequest {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
    }
}
