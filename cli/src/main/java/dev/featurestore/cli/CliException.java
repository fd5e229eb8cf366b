package dev.featurestore.cli;

import java.util.List;

/**
 * An error to show the user as it is: a first line, then any detail lines (field errors, file locations). Never a
 * stack trace, unless {@code --verbose}.
 */
public class CliException extends RuntimeException {
    private final List<String> details;

    public CliException(String message) {
        this(message, List.of(), null);
    }

    public CliException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public CliException(String message, List<String> details) {
        this(message, details, null);
    }

    public CliException(String message, List<String> details, Throwable cause) {
        super(message, cause);
        this.details = List.copyOf(details);
    }

    /** The lines under the message, each shown indented. */
    public List<String> details() {
        return details;
    }
}
