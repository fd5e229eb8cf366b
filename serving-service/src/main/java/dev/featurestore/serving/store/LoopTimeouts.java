package dev.featurestore.serving.store;

import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts that cost no thread wake-up on the request path: on one of the HTTP server's event loops (where
 * requests are handled and the online store answers) a timeout is a task in that loop's own schedule, set and
 * cancelled on the same thread; from any other thread it goes to one shared scheduler thread.
 */
@Singleton
public class LoopTimeouts {
    private final List<EventExecutor> loops = new ArrayList<>();
    private final ScheduledThreadPoolExecutor others;

    public LoopTimeouts(EventLoopGroupRegistry registry) {
        registry.getDefaultEventLoopGroup().forEach(loops::add);
        others = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("serving-timeouts", true));
        others.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code action} after {@code delay} unless cancelled first.
     *
     * @return cancels the timeout (call it on the thread that completes the awaited work)
     */
    public Runnable schedule(Runnable action, Duration delay) {
        long nanos = delay.toNanos();
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                io.netty.util.concurrent.ScheduledFuture<?> timeout = loop.schedule(action, nanos, TimeUnit.NANOSECONDS);
                return () -> timeout.cancel(false);
            }
        }
        ScheduledFuture<?> timeout = others.schedule(action, nanos, TimeUnit.NANOSECONDS);
        return () -> timeout.cancel(false);
    }

    @PreDestroy
    void stop() {
        others.shutdownNow();
    }
}
