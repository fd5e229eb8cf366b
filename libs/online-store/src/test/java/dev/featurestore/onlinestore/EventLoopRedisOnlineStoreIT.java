package dev.featurestore.onlinestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.testkit.TestStack;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.netty.channel.EventLoopGroup;
import io.lettuce.core.resource.Transports;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the testkit's real single redis-server through one connection per event loop of a Netty group
 * (the serving-service's arrangement), and what that arrangement is for: a call made on a loop is answered on it.
 */
class EventLoopRedisOnlineStoreIT extends AbstractRedisOnlineStoreContractTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @Override
    protected RedisBackend connectRedis() {
        RedisClient client = RedisClient.create(TestStack.shared().redis().uri());
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisBackend(clock -> newStore(clock), connection.sync(), () -> {
            connection.close();
            client.shutdown();
        });
    }

    private RedisOnlineStore newStore(Clock clock) {
        return RedisOnlineStore.standalone(RedisURI.create(TestStack.shared().redis().uri()), ClientOptions.create(), loops, clock);
    }

    @AfterAll
    void stopLoops() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void loopsThatDoNotTakeLettucesChannelClassFailAtConstructionNamingTheFix() {
        EventLoopGroup local = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        try {
            assertThatThrownBy(() -> RedisOnlineStore.standalone(RedisURI.create(TestStack.shared().redis().uri()), ClientOptions.create(), local, Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Transports.socketChannelClass().getName())
                    .hasMessageContaining("io.lettuce.core.epoll");
        } finally {
            local.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aReadMadeOnALoopIsAnsweredOnThatLoopAndOthersTakeTheConnectionsInTurn() throws Exception {
        String key = OnlineKeys.recordKey("p" + UUID.randomUUID().toString().substring(0, 8), "stats", List.of(new JoinKey("driver_id", ValueType.INT64)), List.of(7L));
        Instant event = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            // written from the test thread, which is none of the loops
            store.write(List.of(new RecordWrite(key, STATS, new OnlineRecord(event, null, List.of(0.5, 3L, "Oslo")), null))).get(10, TimeUnit.SECONDS);
            for (EventExecutor loop : loops) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    // the first read on a loop also connects its connection, without blocking the loop
                    CompletableFuture<String> answeredOn = new CompletableFuture<>();
                    CompletableFuture<List<OnlineRecord>> records = new CompletableFuture<>();
                    loop.execute(() -> {
                        Thread caller = Thread.currentThread();
                        store.read(List.of(new RecordRead(key, STATS))).whenComplete((read, error) -> {
                            answeredOn.complete(Thread.currentThread() == caller ? "the caller's loop" : Thread.currentThread().getName());
                            if (error == null) {
                                records.complete(read);
                            } else {
                                records.completeExceptionally(error);
                            }
                        });
                    });
                    assertThat(records.get(10, TimeUnit.SECONDS)).singleElement().satisfies(record -> assertThat(record.values()).containsExactly(0.5, 3L, "Oslo"));
                    assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isEqualTo("the caller's loop");
                }
            }
            assertThat(store.read(List.of(new RecordRead(key, STATS))).get(10, TimeUnit.SECONDS)).singleElement().isNotNull();
        }
    }
}
