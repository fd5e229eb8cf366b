package dev.featurestore.onlinestore;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
    /** Stands for a native transport's channel class that a configuration may name. */
    private static final class NativeChannel extends NioSocketChannel {
    }

    @Test
    void nioLoopsTakeTheNioChannelWhateverTheConfigurationNames() {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(EventLoops.of(nio, NativeChannel.class).socketChannel()).isEqualTo(NioSocketChannel.class);
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void otherLoopsTakeTheClassTheConfigurationNames() {
        EventLoopGroup other = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        try {
            assertThat(EventLoops.of(other, NativeChannel.class).socketChannel()).isEqualTo(NativeChannel.class);
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
