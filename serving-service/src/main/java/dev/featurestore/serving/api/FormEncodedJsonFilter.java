package dev.featurestore.serving.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * Reads a JSON body sent as {@code application/x-www-form-urlencoded} as the JSON it is, on the endpoints of Feast's
 * feature server: {@code curl -d '{...}'}, as Feast's documentation writes its examples, sends that content type.
 * Before the route is chosen, such a request's {@code Content-Type} becomes {@code application/json}; the body is then
 * read, bounded and checked exactly as a JSON one (a form body that is not JSON is a 400 {@code MALFORMED_BODY} saying
 * why). Every other request, and every other endpoint, is left as it is.
 */
@ServerFilter(methods = HttpMethod.POST, patterns = {"/get-online-features", "/push", "/write-to-online-store",
        "/projects/*/get-online-features", "/projects/*/push", "/projects/*/write-to-online-store"})
public final class FormEncodedJsonFilter {

    @PreMatching
    @RequestFilter
    public void readFormBodyAsJson(MutableHttpRequest<?> request) {
        if (request.getContentType().filter(type -> type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).isPresent()) {
            request.getHeaders().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
