package dev.featurestore.serving.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every gRPC call from its arrival to its close, refusals included (it runs before {@link CallerInterceptor}):
 * {@code featurestore_grpc_server_calls_seconds{method, status}} (count, sum and max, as {@code http_server_requests_seconds}
 * for HTTP), {@code status} being the gRPC code ({@code OK}, {@code NOT_FOUND}, ...). One timer per method and code,
 * made once.
 */
@Singleton
@Requires(property = "featurestore.serving.grpc.enabled", notEquals = "false")
class CallMetricsInterceptor implements ServerInterceptor, Ordered {
    static final String METER = "featurestore.grpc.server.calls";

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CallMetricsInterceptor(MeterRegistry meters) {
        this.meters = requireNonNull(meters, "meters is null");
    }

    /** Before every other interceptor, so that refused calls are timed too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        long start = System.nanoTime();
        String method = call.getMethodDescriptor().getBareMethodName();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                timer(method, status.getCode()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                super.close(status, trailers);
            }
        }, headers);
    }

    private Timer timer(String method, Status.Code code) {
        return timers.computeIfAbsent(method + '/' + code.name(), key -> Timer.builder(METER)
                .description("gRPC calls, from arrival to close")
                .tag("method", method == null ? "unknown" : method)
                .tag("status", code.name())
                .register(meters));
    }
}
