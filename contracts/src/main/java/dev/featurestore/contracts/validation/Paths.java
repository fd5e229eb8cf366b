package dev.featurestore.contracts.validation;

import java.util.regex.Pattern;

/**
 * Builds error paths such as {@code feature_views[2].schema[0].dtype}.
 */
final class Paths {
    static final String DOCUMENT = "document";

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private Paths() {
    }

    static String field(String path, String name) {
        if (path.isEmpty()) {
            return name;
        }
        if (name.length() <= Text.QUOTED_PREFIX && PLAIN_KEY.matcher(name).matches()) {
            return path + "." + name;
        }
        return path + "[\"" + Text.prefix(name).replace("\"", "\\\"") + "\"]";
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    /**
     * The top-level section of a path.
     *
     * @param path such as {@code feature_views[2].schema}
     * @return such as {@code feature_views}
     */
    static String section(String path) {
        int end = 0;
        while (end < path.length() && path.charAt(end) != '[' && path.charAt(end) != '.') {
            end++;
        }
        return path.substring(0, end);
    }

    /**
     * The path to show for the whole document.
     *
     * @param path a path, empty for the document
     * @return the path, or {@code document}
     */
    static String shown(String path) {
        return path.isEmpty() ? DOCUMENT : path;
    }
}
