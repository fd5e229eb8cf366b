package dev.featurestore.onlinestore;

import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** The project names a store deletes the records of: the registry's ({@code [a-z][a-z0-9_]*}), so that no key pattern can be injected. */
final class ProjectPattern {
    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private ProjectPattern() {
    }

    /** Null for a valid name, else a failed future naming the problem. */
    static <T> CompletableFuture<T> rejected(String project) {
        if (PROJECT_NAME.matcher(project).matches()) {
            return null;
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException("project must match [a-z][a-z0-9_]*, got '%s'"
                .formatted(project.length() > 64 ? project.substring(0, 64) + "..." : project)));
    }
}
