package dev.featurestore.runtime.http;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.error.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, before any controller sees it, a request whose path or query parameters (names or values, after
 * percent-decoding) hold a NUL or another control character (U+0000-U+001F, U+007F-U+009F): PostgreSQL refuses NUL
 * in text, and no name, flag or number of these APIs has a use for control characters. The answer is a 400
 * {@code VALIDATION_FAILED} problem naming the parameter ({@code path} for the path) and echoing nothing of the value.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public final class ControlCharacterFilter implements Ordered {
    static final String PATH = "path";

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> refuseControlCharacters(HttpRequest<?> request) {
        String rawQuery = request.getUri().getRawQuery();
        if (isPlain(request.getUri().getRawPath()) && (rawQuery == null || isPlain(rawQuery))) {
            // nothing percent-encoded and no control character as it is: decoding cannot make one (most requests)
            return null;
        }
        return badParameter(request.getUri().getRawPath(), request.getParameters().asMap())
                .map(ControlCharacterFilter::refusal)
                .orElse(null);
    }

    /**
     * The first parameter holding a control character: {@code path} for the (raw, percent-encoded) path, else the
     * name of the query parameter.
     */
    static Optional<String> badParameter(String rawPath, Map<String, List<String>> parameters) {
        if (rawPath != null && hasControl(percentDecoded(rawPath))) {
            return Optional.of(PATH);
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (hasControl(parameter.getKey())) {
                return Optional.of("query parameter");
            }
            for (String value : parameter.getValue()) {
                if (value != null && hasControl(value)) {
                    return Optional.of(parameter.getKey().length() > 64 ? parameter.getKey().substring(0, 64) + "..." : parameter.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private static HttpResponse<Problem> refusal(String parameter) {
        String message = "must not contain control characters (such as NUL)";
        Problem problem = Problem.of(CommonErrorCode.VALIDATION_FAILED, "Invalid %s: %s".formatted(parameter, message),
                List.of(new FieldError(parameter, message)));
        return HttpResponse.<Problem>badRequest(problem).contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    }

    /** Neither a percent escape nor a control character. */
    static boolean isPlain(String raw) {
        return raw == null || (raw.indexOf('%') < 0 && !hasControl(raw));
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /** The path with every {@code %XX} decoded as UTF-8 (a malformed escape is kept as it is). */
    static String percentDecoded(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Override
    public int getOrder() {
        // after RequestIdFilter, so that the refusal carries its X-Request-Id
        return ServerFilterPhase.FIRST.after();
    }
}
