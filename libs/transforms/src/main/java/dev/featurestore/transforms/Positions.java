package dev.featurestore.transforms;

/**
 * Positions in an expression as people read them: {@code at column 5} for a one-line expression,
 * {@code at line 2, column 5} otherwise (both 1-based).
 */
final class Positions {
    private Positions() {
    }

    /**
     * @param line   1-based line
     * @param column 0-based column (as CEL reports it)
     */
    static String atLineColumn(String expression, int line, int column) {
        if (line < 1 || column < 0) {
            return "";
        }
        if (expression.indexOf('\n') < 0) {
            return " at column %d".formatted(column + 1);
        }
        return " at line %d, column %d".formatted(line, column + 1);
    }

    /**
     * @param offset 0-based code point offset in the expression (as CEL's runtime reports it)
     */
    static String atOffset(String expression, int offset) {
        int line = 1;
        int column = 0;
        int index = 0;
        int codePoints = 0;
        while (index < expression.length() && codePoints < offset) {
            int codePoint = expression.codePointAt(index);
            if (codePoint == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
            index += Character.charCount(codePoint);
            codePoints++;
        }
        return atLineColumn(expression, line, column);
    }
}
