package dev.featurestore.cli.repository;

import static java.util.Objects.requireNonNull;

/**
 * A place in a repository's files.
 *
 * @param file relative to the repository
 * @param line counted from 1
 * @param path the path as the file itself counts ({@code feature_views[0].schema[1].dtype} of that file), or the
 *             registry's name-based path as it was
 */
public record SourceLocation(String file, int line, String path) {
    public SourceLocation {
        requireNonNull(file, "file is null");
        requireNonNull(path, "path is null");
    }

    /** {@code driver_features.yaml:17} */
    public String where() {
        return "%s:%d".formatted(file, line);
    }
}
