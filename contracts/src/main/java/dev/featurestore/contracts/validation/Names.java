package dev.featurestore.contracts.validation;

import java.util.regex.Pattern;

/**
 * The rule for names of objects, fields and join keys.
 */
public final class Names {
    /**
     * What every name must match.
     */
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_]*");

    private Names() {
    }

    public static boolean isValid(String name) {
        return PATTERN.matcher(name).matches();
    }

    static String invalidNameMessage(String name) {
        return "%s is not a valid name (expected %s)".formatted(JsonValues.quote(name), PATTERN.pattern());
    }
}
