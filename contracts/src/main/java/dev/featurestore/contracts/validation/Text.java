package dev.featurestore.contracts.validation;

import java.util.Optional;

/**
 * Checks of text every service applies to what it stores or looks up: a bounded length and no control characters
 * (NUL, which PostgreSQL refuses, and the rest of C0, DEL and C1), and messages that quote at most a short prefix of
 * the bad value, so that an answer never echoes a large input.
 */
public final class Text {
    /** How much of a bad value a message quotes. */
    public static final int QUOTED_PREFIX = 40;

    private Text() {
    }

    /** Whether {@code c} is a control character (U+0000-U+001F, U+007F-U+009F). */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /**
     * The first control character of {@code text} that is not allowed.
     *
     * @param allowLineBreaks whether tab, line feed and carriage return are allowed (free text: descriptions, expressions)
     * @return its index, or -1
     */
    public static int firstControl(String text, boolean allowLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What is wrong with {@code text} as a value of at most {@code maxLength} characters, if anything.
     *
     * @return a message such as {@code "is 1000000 characters, at most 128"} or {@code "contains the control character U+0000 at 3"}
     */
    public static Optional<String> problem(String text, int maxLength, boolean allowLineBreaks) {
        if (text.length() > maxLength) {
            return Optional.of("is %d characters, at most %d".formatted(text.length(), maxLength));
        }
        int control = firstControl(text, allowLineBreaks);
        if (control >= 0) {
            return Optional.of("contains the control character U+%04X at %d".formatted((int) text.charAt(control), control));
        }
        return Optional.empty();
    }

    /**
     * {@code text} in single quotes, cut to {@link #QUOTED_PREFIX} characters followed by {@code ...} (and its
     * length) when longer, with control characters shown as {@code \\uXXXX}.
     */
    public static String quote(String text) {
        return "'" + prefix(text) + "'";
    }

    /** {@code text} cut as {@link #quote} does, without the quotes. */
    public static String prefix(String text) {
        int end = Math.min(text.length(), QUOTED_PREFIX);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        String shown = text.substring(0, end);
        StringBuilder escaped = new StringBuilder(shown.length() + 16);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (isControl(c)) {
                escaped.append("\\u%04x".formatted((int) c));
            } else {
                escaped.append(c);
            }
        }
        if (text.length() > QUOTED_PREFIX) {
            escaped.append("... (%d characters)".formatted(text.length()));
        }
        return escaped.toString();
    }
}
