package dev.featurestore.serving.api;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.netty.util.concurrent.EventExecutor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Records, for the last gRPC call, the thread of each step the server takes (the call arriving, its message, the
 * answer written, the call closed) and whether that thread is an event loop of the HTTP server's group, when a test
 * sets {@code featurestore.test.grpc-threads: true}.
 */
@Singleton
@Requires(property = "featurestore.test.grpc-threads", value = "true")
class TestingThreadRecorder implements ServerInterceptor {
    /** One step of a call: what, on which thread, whether that thread is one of the HTTP server's event loops. */
    record Step(String what, Thread thread, boolean onHttpEventLoop) {
    }

    private final List<EventExecutor> loops = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    TestingThreadRecorder(EventLoopGroupRegistry registry) {
        StreamSupport.stream(registry.getDefaultEventLoopGroup().spliterator(), false).forEach(loops::add);
    }

    synchronized List<Step> lastCall() {
        return List.copyOf(steps);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        synchronized (this) {
            steps.clear();
        }
        record("call");
        ServerCall<Q, A> recorded = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(A message) {
                record("answer");
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                record("close");
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(recorded, headers)) {
            @Override
            public void onMessage(Q message) {
                record("message");
                super.onMessage(message);
            }
        };
    }

    private synchronized void record(String what) {
        steps.add(new Step(what, Thread.currentThread(), loops.stream().anyMatch(EventExecutor::inEventLoop)));
    }
}
