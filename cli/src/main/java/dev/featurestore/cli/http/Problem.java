package dev.featurestore.cli.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service's {@code application/problem+json} answer: {@code status}, {@code code}, {@code title},
 * {@code detail} and the field errors. An answer that is not problem+json (a proxy's HTML page) is read as well as it
 * can be: its status and first line.
 */
public record Problem(int status, String code, String title, String detail, List<FieldError> errors) {
    public Problem {
        requireNonNull(code, "code is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
        errors = List.copyOf(errors);
    }

    /** One {@code errors[]} entry: a path into the request ({@code feature_views[0].schema[1].dtype}) and what is wrong there. */
    public record FieldError(String path, String message) {
        public FieldError {
            requireNonNull(path, "path is null");
            requireNonNull(message, "message is null");
        }
    }

    public static Problem parse(int status, String body) {
        JsonNode root = null;
        try {
            root = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        }
        catch (IOException e) {
            // not JSON: fall through
        }
        if (root == null || !root.isObject()) {
            String text = body == null || body.isBlank() ? "" : Json.firstLine(body);
            return new Problem(status, "", "", text.length() > 200 ? text.substring(0, 200) + "..." : text, List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : root.path("errors")) {
            errors.add(new FieldError(error.path("path").asText(""), error.path("message").asText("")));
        }
        return new Problem(root.path("status").asInt(status), root.path("code").asText(""), root.path("title").asText(""),
                root.path("detail").asText(""), errors);
    }

    /** The field error at a path, if the problem names it. */
    public Optional<FieldError> error(String path) {
        return errors.stream().filter(error -> error.path().equals(path)).findFirst();
    }

    /** The one line: {@code HTTP 409 BREAKING_CHANGE: <detail>}. */
    public String headline() {
        StringBuilder line = new StringBuilder("HTTP ").append(status);
        if (!code.isEmpty()) {
            line.append(' ').append(code);
        }
        String text = !detail.isEmpty() ? detail : title;
        if (!errors.isEmpty() && !errors.get(0).path().isEmpty()) {
            // a detail that repeats the field errors ("3 problem(s): a.b: ...") stops before them: they follow, one a line
            int repeated = text.indexOf(": " + errors.get(0).path());
            if (repeated < 0) {
                repeated = text.indexOf(": [" + errors.get(0).path());
            }
            if (repeated > 0) {
                text = text.substring(0, repeated);
            }
        }
        if (!text.isEmpty()) {
            line.append(": ").append(text.lines().findFirst().orElse(text));
        }
        return line.toString();
    }
}
