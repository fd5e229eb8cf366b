package dev.featurestore.runtime.http;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new
 * UUID. The id is in the MDC as {@code request_id} for everything logged while handling the request
 * (across thread hops, through Micronaut's context propagation) and is echoed in the response header.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public final class RequestIdFilter implements Ordered {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @RequestFilter
    public void assignRequestId(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        String requestId = request.getHeaders().get(HEADER);
        if (requestId == null || !ACCEPTED.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        request.setAttribute(MDC_KEY, requestId);
        propagatedContext.add(new MdcPropagationContext(Map.of(MDC_KEY, requestId)));
    }

    @ResponseFilter
    public void echoRequestId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(MDC_KEY, String.class).ifPresent(requestId -> response.getHeaders().set(HEADER, requestId));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
