package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

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
}
