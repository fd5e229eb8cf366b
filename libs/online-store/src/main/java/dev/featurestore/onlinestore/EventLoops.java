package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;

/**
 * Event loops a store's connections do their I/O on (a Netty server's, so that a request's Redis call is made and
 * answered on the request's own thread), with the socket channel type those loops take.
 *
 * @param group the loops; the caller's, never shut down by the store
 * @param socketChannel the TCP channel class compatible with the loops ({@link NioSocketChannel} for NIO loops)
 */
public record EventLoops(EventLoopGroup group, Class<? extends SocketChannel> socketChannel) {
    public EventLoops {
        requireNonNull(group, "group is null");
        requireNonNull(socketChannel, "socketChannel is null");
    }

    /** NIO loops (Netty's default transport, and Micronaut's unless a native one is configured). */
    public static EventLoops nio(EventLoopGroup group) {
        return new EventLoops(group, NioSocketChannel.class);
    }

    /**
     * The loops with the channel class they take, read from the loops themselves: {@link NioSocketChannel} when
     * they are NIO loops, else {@code otherwise} (the channel class of their transport, as the server's
     * configuration names it). A configuration that names a class the loops do not take (a native transport on
     * the classpath but not in use) then still works.
     */
    public static EventLoops of(EventLoopGroup group, Class<? extends SocketChannel> otherwise) {
        requireNonNull(group, "group is null");
        EventExecutor first = group.iterator().next();
        boolean nio = first instanceof IoEventLoop loop && loop.isCompatible(NioIoHandle.class);
        return new EventLoops(group, nio ? NioSocketChannel.class : requireNonNull(otherwise, "otherwise is null"));
    }
}
