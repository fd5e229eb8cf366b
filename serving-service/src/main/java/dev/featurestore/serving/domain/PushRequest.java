package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows pushed to a push source, values still as JSON gave them.
 *
 * @param project the project
 * @param pushSource the push source's name
 * @param columns the rows as columns, named as the source's columns (before its {@code field_mapping})
 * @param target where to write
 */
public record PushRequest(String project, String pushSource, Map<String, List<Object>> columns, PushTarget target) {
    public PushRequest {
        requireNonNull(project, "project is null");
        requireNonNull(pushSource, "pushSource is null");
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        requireNonNull(target, "target is null");
    }
}
