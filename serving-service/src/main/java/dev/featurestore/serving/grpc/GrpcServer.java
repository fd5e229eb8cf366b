package dev.featurestore.serving.grpc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.serving.config.GrpcProperties;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.netty.channel.EventLoopGroupConfiguration;
import io.micronaut.http.netty.channel.EventLoopGroupFactory;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feast's gRPC {@code ServingService} on {@code featurestore.serving.grpc.port}, bound to the HTTP server's host, started
 * once the HTTP server is up and stopped with it (or with the context). It runs on the HTTP server's own event loops
 * (Micronaut's {@code default} group, on which the online store's connections live) with a direct executor: a call
 * is read, answered from Redis and written by one thread, as {@code POST /get-online-features} is. The group is the
 * server's: stopping this server leaves it running.
 */
@Singleton
@Requires(property = "featurestore.serving.grpc.enabled", notEquals = "false")
public class GrpcServer implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);
    private static final long STOP_GRACE_SECONDS = 5;

    private final GrpcProperties properties;
    private final FeastServingService service;
    private final List<ServerInterceptor> interceptors;
    private final EventLoopGroupRegistry loops;
    private final EventLoopGroupFactory channels;
    private final HttpServerConfiguration http;
    private Server server;

    /**
     * @param interceptors every {@link ServerInterceptor} bean, called in their {@link Ordered order} (the
     *     {@link CallerInterceptor} first)
     */
    GrpcServer(GrpcProperties properties, FeastServingService service, List<ServerInterceptor> interceptors, EventLoopGroupRegistry loops,
            EventLoopGroupFactory channels, HttpServerConfiguration http) {
        this.properties = requireNonNull(properties, "properties is null");
        this.service = requireNonNull(service, "service is null");
        List<ServerInterceptor> ordered = new ArrayList<>(requireNonNull(interceptors, "interceptors is null"));
        OrderUtil.sort(ordered);
        Collections.reverse(ordered); // gRPC calls the last one first
        this.interceptors = List.copyOf(ordered);
        this.loops = requireNonNull(loops, "loops is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts the server (once). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        EventLoopGroup group = loops.getDefaultEventLoopGroup();
        // no configuration (none set): the factory answers NIO, as it does for the HTTP server
        EventLoopGroupConfiguration configuration = loops.getEventLoopGroupConfiguration(EventLoopGroupConfiguration.DEFAULT).orElse(null);
        Class<? extends ServerChannel> channelType = channels.serverSocketChannelClass(configuration);
        InetSocketAddress address = http.getHost().filter(host -> !host.isBlank())
                .map(host -> new InetSocketAddress(host, properties.bindPort()))
                .orElseGet(() -> new InetSocketAddress(properties.bindPort()));
        Server built = NettyServerBuilder.forAddress(address)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .channelType(channelType)
                .directExecutor()
                .maxInboundMessageSize(properties.maxInboundMessageSize())
                .maxInboundMetadataSize(properties.maxInboundMetadataSize())
                .addService(ServerInterceptors.intercept(service, interceptors))
                .build();
        try {
            built.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the gRPC server on %s (featurestore.serving.grpc.port): %s".formatted(address, e.getMessage()), e);
        }
        server = built;
        LOG.info("gRPC feast.serving.ServingService listening on {}", built.getListenSockets());
    }

    /** The port the server listens on (the one chosen, for port 0 or -1). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The gRPC server is not started");
        }
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** Stops with the HTTP server, before its event loops go. */
    @Singleton
    @Requires(property = "featurestore.serving.grpc.enabled", notEquals = "false")
    static final class StopWithHttp implements ApplicationEventListener<ServerShutdownEvent> {
        private final GrpcServer server;

        StopWithHttp(GrpcServer server) {
            this.server = server;
        }

        @Override
        public void onApplicationEvent(ServerShutdownEvent event) {
            server.stop();
        }
    }

    /** Refuses new calls, lets those running finish for a few seconds, then cancels them. */
    @PreDestroy
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        LOG.info("gRPC server stopped");
        server = null;
    }
}
