package dev.featurestore.cli.repository;

import dev.featurestore.cli.CliException;
import java.util.List;

/** A repository that cannot be sent: every problem with its file and line, nothing sent. */
public final class RepositoryException extends CliException {
    public RepositoryException(String directory, List<String> problems) {
        super("the feature repository %s has %d problem%s (nothing was sent)".formatted(directory, problems.size(), problems.size() == 1 ? "" : "s"),
                problems);
    }
}
