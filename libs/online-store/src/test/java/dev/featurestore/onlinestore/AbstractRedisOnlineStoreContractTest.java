package dev.featurestore.onlinestore;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineRecordCodec;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The online store contract on a Redis topology, plus what only Redis shows: the bytes and keys it holds, the schema
 * keys, key expiry, and a server that forgets the newer-wins script. One subclass per topology and connection
 * arrangement.
 */
abstract class AbstractRedisOnlineStoreContractTest extends AbstractOnlineStoreContractTest {
    private RedisBackend redis;

    /** Connects to the Redis topology, once per test class. */
    protected abstract RedisBackend connectRedis();

    @Override
    protected final Backend connect() {
        redis = connectRedis();
        return new Backend(clock -> redis.stores().apply(clock), redis.closer());
    }

    /** Plain commands on the backend, to look at what the store wrote. */
    private RedisClusterCommands<byte[], byte[]> raw() {
        return redis.raw();
    }

    @Test
    void storesExactlyTheCodecsBytesUnderTheContractsKeyAndTheWritersSchema() {
        OnlineRecord record = new OnlineRecord(now(), now().plusMillis(5), List.of(0.25, 7L, "Oslo"));
        try (OnlineStore store = store(Clock.systemUTC())) {
            store.write(List.of(write("stats", 42, STATS, record, null))).join();
        }

        assertThat(raw().get(bytes("fs:" + project() + ":stats:{driver_id=42}"))).isEqualTo(OnlineRecordCodec.encode(STATS, record));
        assertThat(new String(raw().get(bytes(OnlineKeys.schemaKey(STATS.fingerprint()))), StandardCharsets.UTF_8)).isEqualTo(STATS.canonicalText());
        // every view of one entity in one slot, whatever the view
        assertThat(SlotHash.getSlot(key("stats", 42))).isEqualTo(SlotHash.getSlot(key("tags", 42))).isEqualTo(SlotHash.getSlot("{driver_id=42}"));
    }

    @Test
    void aRecordWhoseSchemaIsNowhereIsReadAsAbsent() {
        OnlineSchema unknown = new OnlineSchema(List.of(new OnlineField("only_here_" + project(), FLOAT64)));
        raw().set(bytes(key("stats", 1)), OnlineRecordCodec.encode(unknown, new OnlineRecord(now(), null, List.of(1.0))));
        raw().set(bytes(key("stats", 2)), new byte[] {1, 2, 3});

        try (OnlineStore reader = store(Clock.systemUTC())) {
            assertThat(reader.read(List.of(new RecordRead(key("stats", 1), STATS), new RecordRead(key("stats", 2), STATS))).join())
                    .containsExactly(null, null);
        }
    }

    @Test
    void writesGoOnAfterTheServerForgetsTheScript() {
        try (OnlineStore store = store(Clock.systemUTC())) {
            store.write(List.of(write("stats", 1, STATS, stats(now().minusSeconds(1), null, 1.0), null))).join();
            raw().scriptFlush();

            assertThat(store.write(List.of(write("stats", 1, STATS, stats(now(), null, 2.0), null))).join().written()).isEqualTo(1);
            assertThat(conv(store, 1)).isEqualTo(2.0);
        }
    }

    @Test
    void recordKeysExpireInRedisAtEventPlusTtlPlusRetention() {
        try (OnlineStore store = store(Clock.systemUTC())) {
            Duration ttl = Duration.ofMinutes(30);
            Instant fresh = now().minusSeconds(60);
            store.write(List.of(
                    write("stats", 1, STATS, stats(fresh, null, 1.0), OnlineExpiry.expireAt(fresh, ttl, null)),
                    write("stats", 2, STATS, stats(now(), null, 2.0), OnlineExpiry.expireAt(now(), Duration.ZERO, null)),
                    write("stats", 3, STATS, stats(now().minus(Duration.ofHours(2)), null, 3.0), OnlineExpiry.expireAt(now().minus(Duration.ofHours(2)), ttl, null)))).join();

            // expires at fresh + 30 min + 30 min (retention defaults to the ttl)
            long expected = Duration.between(Instant.now(), fresh.plus(ttl).plus(ttl)).toMillis();
            assertThat(raw().pttl(bytes(key("stats", 1)))).isBetween(expected - 10_000, expected + 1_000);
            assertThat(raw().pttl(bytes(key("stats", 2)))).isEqualTo(-1L);
            assertThat(raw().exists(bytes(key("stats", 3)))).isZero();
        }
    }

    @Test
    void deletingAProjectKeepsTheSchemaKeys() throws Exception {
        try (OnlineStore store = store(Clock.systemUTC())) {
            store.write(List.of(write("stats", 1, STATS, stats(now(), null, 0.5), null))).join();
            store.deleteProject(project()).join();
        }
        assertThat(raw().exists(bytes(key("stats", 1)))).isZero();
        assertThat(raw().get(OnlineKeys.schemaKey(STATS.fingerprint()).getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    /**
     * A Redis topology under test.
     *
     * @param stores makes a store with a clock
     * @param raw plain commands, to look at what a store wrote
     * @param closer closes the connection and shuts the client down
     */
    record RedisBackend(Function<Clock, RedisOnlineStore> stores, RedisClusterCommands<byte[], byte[]> raw, Runnable closer) {
    }
}
