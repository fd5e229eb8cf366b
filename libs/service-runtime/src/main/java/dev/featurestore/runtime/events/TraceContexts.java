package dev.featurestore.runtime.events;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/** W3C {@code traceparent} values to and from OpenTelemetry contexts, for events that outlive their request. */
public final class TraceContexts {
    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {
    }

    /** The current span's {@code traceparent}, or null when no sampled span is current. */
    @Nullable
    public static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-%s-%s-%s".formatted(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex());
    }

    /** The context a {@code traceparent} names, below the current one; the current context when null or invalid. */
    public static Context fromTraceparent(@Nullable String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.current();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.current(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** True when the context carries a valid remote or local span. */
    public static boolean hasSpan(Context context) {
        return Span.fromContext(context).getSpanContext().isValid();
    }
}
