package dev.featurestore.contracts.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for names of projects, objects, fields and join keys: {@code [a-z][a-z0-9_]*}, at most
 * {@link Limits#MAX_NAME_LENGTH} characters.
 */
public final class Names {
    /**
     * What every name must match.
     */
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_]*");

    private Names() {
    }

    /**
     * Whether {@code name} matches {@link #PATTERN}, whatever its length (a name stored before the length bound is
     * still a name to look up).
     */
    public static boolean isValid(String name) {
        return PATTERN.matcher(name).matches();
    }

    /**
     * What is wrong with {@code name} as the name of something new, if anything: too long, or not matching
     * {@link #PATTERN}. The message quotes at most a short prefix of the name.
     */
    public static Optional<String> problem(String name) {
        return problem(name, Limits.MAX_NAME_LENGTH);
    }

    /**
     * What is wrong with {@code name} as the name of something to look up, if anything: not matching
     * {@link #PATTERN} (so no control character), or longer than {@link Limits#MAX_LOOKUP_NAME_LENGTH} (a name stored
     * before {@link Limits#MAX_NAME_LENGTH} was a bound is still found).
     */
    public static Optional<String> lookupProblem(String name) {
        return problem(name, Limits.MAX_LOOKUP_NAME_LENGTH);
    }

    private static Optional<String> problem(String name, int maxLength) {
        if (name.length() > maxLength) {
            return Optional.of("%s is %d characters, at most %d".formatted(Text.quote(name), name.length(), maxLength));
        }
        if (!isValid(name)) {
            return Optional.of(invalidNameMessage(name));
        }
        return Optional.empty();
    }

    static String invalidNameMessage(String name) {
        return "%s is not a valid name (expected %s)".formatted(Text.quote(name), PATTERN.pattern());
    }
}
