package dev.featurestore.cli.http;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.CliException;
import java.util.List;

/** A service refused a request: its problem detail, shown as one line and then each field error. */
public final class ServiceException extends CliException {
    private final Problem problem;

    public ServiceException(String service, Problem problem) {
        this(service, problem, fieldLines(problem));
    }

    /** With the field errors shown as the caller words them (e.g. located in a repository's files). */
    public ServiceException(String service, Problem problem, List<String> details) {
        super("%s: %s".formatted(service, problem.headline()), details);
        this.problem = requireNonNull(problem, "problem is null");
    }

    public Problem problem() {
        return problem;
    }

    private static List<String> fieldLines(Problem problem) {
        return problem.errors().stream()
                .map(error -> error.path().isEmpty() ? error.message() : "%s: %s".formatted(error.path(), error.message()))
                .toList();
    }
}
