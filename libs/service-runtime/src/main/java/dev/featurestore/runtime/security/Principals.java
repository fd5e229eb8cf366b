package dev.featurestore.runtime.security;

import java.util.regex.Pattern;

/**
 * Principal names: {@code user:<subject>} and {@code group:<name>} (from a bearer JWT), {@code key:<key id>} (an API
 * key). At most 200 characters, no whitespace or control characters.
 */
public final class Principals {
    public static final int MAX_LENGTH = 200;
    private static final Pattern PRINCIPAL = Pattern.compile("(user|group):[\\x21-\\x7e]{1,190}|key:[0-9a-f]{12}");

    private Principals() {
    }

    public static boolean isValid(String principal) {
        return principal != null && principal.length() <= MAX_LENGTH && PRINCIPAL.matcher(principal).matches();
    }

    public static String user(String subject) {
        return "user:" + subject;
    }

    public static String group(String name) {
        return "group:" + name;
    }
}
