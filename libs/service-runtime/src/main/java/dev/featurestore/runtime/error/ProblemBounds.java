package dev.featurestore.runtime.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every error answer small whatever the request held: a value quoted in a message ({@code '...'} or
 * {@code "..."}) is cut to {@value #QUOTED_PREFIX} characters and {@code ...}, control characters are written as
 * {@code \\uXXXX}, {@code detail} is cut to {@value #MAX_DETAIL_LENGTH} characters, each {@code errors[].message} to
 * {@value #MAX_MESSAGE_LENGTH}, each {@code errors[].path} to {@value #MAX_PATH_LENGTH}, and at most
 * {@value #MAX_ERRORS} field errors are listed (the detail says how many there were).
 */
public final class ProblemBounds {
    public static final int QUOTED_PREFIX = 40;
    public static final int MAX_DETAIL_LENGTH = 2000;
    public static final int MAX_MESSAGE_LENGTH = 500;
    public static final int MAX_PATH_LENGTH = 200;
    public static final int MAX_ERRORS = 100;

    private static final String ELLIPSIS = "...";
    private static final int UNCLOSED = -2;

    private ProblemBounds() {
    }

    /** {@code problem} with every member bounded. */
    public static Problem bound(Problem problem) {
        List<FieldError> errors = new ArrayList<>(Math.min(problem.errors().size(), MAX_ERRORS));
        for (FieldError error : problem.errors()) {
            if (errors.size() == MAX_ERRORS) {
                break;
            }
            errors.add(new FieldError(text(error.path(), MAX_PATH_LENGTH), text(error.message(), MAX_MESSAGE_LENGTH)));
        }
        String detail = text(problem.detail(), MAX_DETAIL_LENGTH);
        if (problem.errors().size() > MAX_ERRORS) {
            detail = detail + " (%d field errors, the first %d listed)".formatted(problem.errors().size(), MAX_ERRORS);
        }
        return new Problem(problem.type(), problem.title(), problem.status(), detail, problem.code(), errors);
    }

    /**
     * {@code text} with quoted values cut to {@value #QUOTED_PREFIX} characters, control characters escaped, and the
     * whole cut to {@code maxLength} characters (then ending with {@code ...}).
     */
    public static String text(String text, int maxLength) {
        StringBuilder bounded = new StringBuilder(Math.min(text.length(), maxLength) + 16);
        int i = 0;
        while (i < text.length() && bounded.length() < maxLength) {
            char c = text.charAt(i);
            int end = (c == '\'' || c == '"') && opensQuote(text, i) ? closingQuote(text, i) : -1;
            if (end == UNCLOSED && text.length() - i - 1 > QUOTED_PREFIX) {
                // a quote never closed: what follows is the value, cut like one
                bounded.append(c);
                appendEscaped(bounded, text, i + 1, i + 1 + QUOTED_PREFIX);
                bounded.append(ELLIPSIS);
                return bounded.toString();
            }
            if (end > 0 && end - i - 1 > QUOTED_PREFIX) {
                bounded.append(c);
                appendEscaped(bounded, text, i + 1, i + 1 + QUOTED_PREFIX);
                bounded.append(ELLIPSIS).append(c);
                i = end + 1;
            } else {
                appendEscaped(bounded, text, i, i + 1);
                i++;
            }
        }
        if (i < text.length() || bounded.length() > maxLength) {
            bounded.setLength(Math.min(bounded.length(), maxLength));
            bounded.append(ELLIPSIS);
        }
        return bounded.toString();
    }

    /** A quote opens a quoted value unless it follows a letter or digit (as the apostrophe of "view's" does). */
    private static boolean opensQuote(String text, int index) {
        return index == 0 || !Character.isLetterOrDigit(text.charAt(index - 1));
    }

    /**
     * The index of the quote closing the one at {@code open}: the next equal quote not followed by a letter or digit;
     * {@link #UNCLOSED} when there is none. (Each scan ends the text or is skipped over, so the cost stays linear.)
     */
    private static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        for (int i = text.indexOf(quote, open + 1); i > 0; i = text.indexOf(quote, i + 1)) {
            if (i + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 1))) {
                return i;
            }
        }
        return UNCLOSED;
    }

    private static void appendEscaped(StringBuilder to, String text, int from, int until) {
        for (int i = from; i < until && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                to.append("\\u%04x".formatted((int) c));
            } else {
                to.append(c);
            }
        }
    }
}
