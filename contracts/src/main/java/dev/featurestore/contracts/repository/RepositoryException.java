package dev.featurestore.contracts.repository;

import java.util.List;

/** A feature repository that cannot be read: every unreadable file or misplaced key, with its file. */
public final class RepositoryException extends RuntimeException {
    private final List<String> problems;

    public RepositoryException(List<String> problems) {
        super("Cannot read the feature repository:%n  %s".formatted(String.join("%n  ".formatted(), problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
