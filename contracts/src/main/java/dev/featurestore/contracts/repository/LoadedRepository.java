package dev.featurestore.contracts.repository;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feature repository read into one definition document.
 *
 * @param json the merged definition document (what {@code apply} takes)
 * @param origins for each object of the merged document ({@code feature_views[3]}), where it came from
 *                ({@code driver_features.yaml: feature_views[0]})
 */
public record LoadedRepository(String json, Map<String, String> origins) {
    private static final Pattern OBJECT_PATH = Pattern.compile("^([a-z_]+\\[\\d+])(.*)$");

    public LoadedRepository {
        requireNonNull(json, "json is null");
        origins = Map.copyOf(requireNonNull(origins, "origins is null"));
    }

    /**
     * A path of the merged document as the user wrote it: {@code feature_views[3].schema[0].dtype}
     * becomes {@code driver_features.yaml: feature_views[0].schema[0].dtype}; other paths stay as they are.
     */
    public String locate(String path) {
        Matcher matcher = OBJECT_PATH.matcher(path);
        if (!matcher.matches()) {
            return path;
        }
        String origin = origins.get(matcher.group(1));
        return origin == null ? path : origin + matcher.group(2);
    }
}
