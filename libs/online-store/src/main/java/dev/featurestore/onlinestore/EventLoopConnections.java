package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.Transports;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce client and connection per event loop of a group the caller owns (a Netty server's): each client's
 * {@link ClientResources} hands Lettuce that single loop, so the connection's channel is registered on it. A call
 * made on a loop goes through that loop's connection: Lettuce writes the command directly (it is already on the
 * channel's thread), the answer is read and the command's future completed on the same thread. No thread
 * hand-off, which on a busy core costs more than the Redis round trip itself.
 *
 * <p>Lettuce picks the channel class by itself ({@link Transports#socketChannelClass()}: a native transport when one
 * is on the classpath, else NIO), so the loops must take that class; this is checked once, at construction, and a
 * mismatch fails there with what to change, rather than every read later.
 *
 * <p>A call from a thread that is none of the loops takes the connections in turn. Each connection is made on its
 * first call, asynchronously (a loop must never wait for its own I/O), and again on the next call when making it
 * failed. The clients share one computation executor and one timer (command timeouts); command latency
 * recording is off (it costs a histogram update per command, and the service measures its calls itself).
 */
final class EventLoopConnections implements Connections {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopConnections.class);

    private final List<EventLoop> loops = new ArrayList<>();
    private final List<LoopConnection> connections = new ArrayList<>();
    private final AtomicInteger nextForeign = new AtomicInteger();
    private final EventExecutorGroup computations;
    private final HashedWheelTimer timer;
    private final List<ClientResources> resources = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param group the loops (the caller's: they are never shut down here)
     * @param clients makes a client on the given resources, with how to connect it and shut it down
     * @throws IllegalArgumentException when the loops do not take the channel class Lettuce uses
     */
    EventLoopConnections(EventLoopGroup group, Function<ClientResources, LoopClient> clients) {
        requireNonNull(group, "group is null");
        requireNonNull(clients, "clients is null");
        requireLettucesChannelFits(group.next());
        this.computations = new DefaultEventExecutorGroup(1, new DefaultThreadFactory("online-store-computation", true));
        this.timer = new HashedWheelTimer(new DefaultThreadFactory("online-store-timer", true));
        for (EventExecutor executor : group) {
            if (!(executor instanceof EventLoop loop)) {
                throw new IllegalArgumentException("the group's executors must be event loops, not " + executor.getClass().getName());
            }
            ClientResources loopResources = DefaultClientResources.builder()
                    .eventLoopGroupProvider(new SingleLoopProvider(loop))
                    .eventExecutorGroup(computations)
                    .timer(timer)
                    .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                    // the JDK's resolver (at connect time only): Netty's DNS resolver would pick its own channel type too
                    .addressResolverGroup(DefaultAddressResolverGroup.INSTANCE)
                    .build();
            resources.add(loopResources);
            this.loops.add(loop);
            connections.add(new LoopConnection(clients.apply(loopResources)));
        }
        if (this.loops.isEmpty()) {
            throw new IllegalArgumentException("the group has no event loop");
        }
    }

    @Override
    public CompletableFuture<StoreConnection> current() {
        if (closed) {
            throw new IllegalStateException("the online store is closed");
        }
        for (int index = 0; index < loops.size(); index++) {
            if (loops.get(index).inEventLoop()) {
                return connections.get(index).get();
            }
        }
        return connections.get(Math.floorMod(nextForeign.getAndIncrement(), connections.size())).get();
    }

    @Override
    public void close() {
        closed = true;
        for (LoopConnection connection : connections) {
            connection.close();
        }
        for (ClientResources loopResources : resources) {
            loopResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
        computations.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        timer.stop();
    }

    /** Registers a channel of Lettuce's class on {@code loop}, and closes it: the loop must take it. */
    private static void requireLettucesChannelFits(EventLoop loop) {
        Class<? extends Channel> channelClass = Transports.socketChannelClass();
        Channel probe;
        try {
            probe = channelClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + channelClass.getName() + " to check the event loops", e);
        }
        try {
            ChannelFuture registered = loop.register(probe).awaitUninterruptibly();
            if (!registered.isSuccess()) {
                throw new IllegalArgumentException(("Lettuce connects with %s, which the event loops (%s) do not take: use the loops' transport for "
                        + "Lettuce too (a native transport jar on the classpath that the loops do not use? Lettuce's system properties "
                        + "io.lettuce.core.epoll / io.lettuce.core.iouring / io.lettuce.core.kqueue=false turn it off)")
                        .formatted(channelClass.getName(), loop.getClass().getName()), registered.cause());
            }
        } finally {
            if (probe.isRegistered()) {
                probe.close().awaitUninterruptibly();
            } else {
                probe.unsafe().closeForcibly(); // its socket: an unregistered channel cannot be closed through its loop
            }
        }
    }

    /** A client bound to one loop: how to connect it (asynchronously) and how to shut it down. */
    record LoopClient(Supplier<CompletableFuture<StoreConnection>> connect, Runnable shutdown) {
    }

    /** A loop's connection, made on first use and again after a failed attempt. */
    private static final class LoopConnection {
        private final LoopClient client;
        private volatile CompletableFuture<StoreConnection> connection;

        LoopConnection(LoopClient client) {
            this.client = client;
        }

        CompletableFuture<StoreConnection> get() {
            CompletableFuture<StoreConnection> current = connection;
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            synchronized (this) {
                if (connection == null || connection.isCompletedExceptionally()) {
                    connection = client.connect().get();
                }
                return connection;
            }
        }

        synchronized void close() {
            if (connection != null) {
                connection.thenAccept(made -> made.connection().close());
            }
            try {
                client.shutdown().run();
            } catch (RuntimeException e) {
                LOG.warn("Shutting down an online store client failed: {}", e.toString());
            }
        }
    }

    /**
     * Hands Lettuce one loop of the caller's group whatever transport class it asks for; releasing and shutting
     * down leave the loop alone (the group is the caller's).
     */
    private record SingleLoopProvider(EventLoop loop) implements EventLoopGroupProvider {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            return (T) loop;
        }

        @Override
        public int threadPoolSize() {
            return 1;
        }

        @Override
        public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }

        @Override
        public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }
    }
}
