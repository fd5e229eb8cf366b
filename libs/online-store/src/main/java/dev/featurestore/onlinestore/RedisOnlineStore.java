package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineRecordCodec;
import dev.featurestore.contracts.online.OnlineSchema;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online store on one Redis server or a Redis Cluster, through Lettuce connections with byte keys and values:
 * one of the caller's client, or one per event loop of a Netty server (see
 * {@link #standalone(RedisURI, ClientOptions, EventLoopGroup, Clock)}). Reads are one {@code MGET} (split by slot and sent to every node at once on a cluster); writes are
 * {@link NewerWinsScript} calls of up to {@value #RECORDS_PER_CALL} records each, all sent before any answer is
 * awaited: on one server the records in their order, on a cluster the records of one slot (the script's keys must
 * share one), each slot's in their order. A writer stores its schema's canonical text under
 * {@link OnlineKeys#schemaKey} before its first record of that schema; a reader meeting a record of another schema
 * reads that text once and keeps it.
 */
public final class RedisOnlineStore implements OnlineStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisOnlineStore.class);
    private static final byte[] NO_EXPIRY = {'0'};
    private static final long DELETE_PAGE_SIZE = 1000;
    /** Records of one script call: enough to spread the per-command cost, few enough to keep each call short in Redis. */
    public static final int RECORDS_PER_CALL = 100;

    private final Connections connections;
    private final Clock clock;
    private final Topology topology;
    private final Map<Long, OnlineSchema> knownSchemas = new ConcurrentHashMap<>();
    private final Set<Long> storedSchemas = ConcurrentHashMap.newKeySet();
    private final Set<Long> missingSchemasLogged = ConcurrentHashMap.newKeySet();

    private RedisOnlineStore(Connections connections, Clock clock, Topology topology) {
        this.connections = connections;
        this.clock = requireNonNull(clock, "clock is null");
        this.topology = topology;
    }

    /** Whether the keys of one script call may lie anywhere (one server) or must share a slot (a cluster). */
    private enum Topology {
        STANDALONE, CLUSTER
    }

    /**
     * A store on one Redis server through one connection of the caller's client; the client stays the caller's to
     * shut down (after closing the store). It connects on first use, and again on the next call when connecting
     * failed (Redis down at start-up); once connected, Lettuce reconnects by itself.
     */
    public static RedisOnlineStore standalone(RedisClient client, Clock clock) {
        requireNonNull(client, "client is null");
        return new RedisOnlineStore(new SharedConnection(() -> {
            StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            return new StoreConnection(connection, connection.async());
        }), clock, Topology.STANDALONE);
    }

    /** A store on a Redis Cluster through one connection of the caller's client; connects as {@link #standalone} does. */
    public static RedisOnlineStore cluster(RedisClusterClient client, Clock clock) {
        requireNonNull(client, "client is null");
        return new RedisOnlineStore(new SharedConnection(() -> {
            StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            return new StoreConnection(connection, connection.async());
        }), clock, Topology.CLUSTER);
    }

    /**
     * A store on one Redis server with one connection per event loop of {@code loops}, each doing its I/O on its
     * loop: a call made on one of these loops (a request handled by a Netty server sharing them) is sent, answered
     * and completed on that thread, without a hand-off to another thread. A call from any other thread uses the
     * loops' connections in turn. The store owns these connections and closes them; the loops stay the caller's.
     * Connections are made on first use on their loop, without blocking it.
     */
    public static RedisOnlineStore standalone(RedisURI uri, ClientOptions options, EventLoopGroup loops, Clock clock) {
        requireNonNull(uri, "uri is null");
        requireNonNull(options, "options is null");
        return new RedisOnlineStore(new EventLoopConnections(loops, resources -> {
            RedisClient client = RedisClient.create(resources, uri);
            client.setOptions(options);
            return new EventLoopConnections.LoopClient(() -> client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
                    .thenApply(connection -> new StoreConnection(connection, connection.async())), () -> client.shutdown(0, 2, TimeUnit.SECONDS));
        }), clock, Topology.STANDALONE);
    }

    /** A store on a Redis Cluster seeded by {@code seed}, with one cluster connection per event loop as {@link #standalone(RedisURI, ClientOptions, EventLoopGroup, Clock)} has. */
    public static RedisOnlineStore cluster(RedisURI seed, ClusterClientOptions options, EventLoopGroup loops, Clock clock) {
        requireNonNull(seed, "seed is null");
        requireNonNull(options, "options is null");
        return new RedisOnlineStore(new EventLoopConnections(loops, resources -> {
            RedisClusterClient client = RedisClusterClient.create(resources, seed);
            client.setOptions(options);
            // the topology is read asynchronously first (a loop must not wait for it)
            return new EventLoopConnections.LoopClient(() -> client.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(ignored -> client.connectAsync(ByteArrayCodec.INSTANCE))
                    .thenApply(connection -> new StoreConnection(connection, connection.async())), () -> client.shutdown(0, 2, TimeUnit.SECONDS));
        }), clock, Topology.CLUSTER);
    }

    private CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> commands() {
        try {
            return connections.current().thenApply(StoreConnection::commands);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<List<OnlineRecord>> read(List<RecordRead> reads) {
        requireNonNull(reads, "reads is null");
        if (reads.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        byte[][] keys = new byte[reads.size()][];
        for (int index = 0; index < keys.length; index++) {
            keys[index] = bytes(reads.get(index).key());
        }
        return commands().thenCompose(commands -> commands.mget(keys).toCompletableFuture().thenCompose(values -> {
            List<byte[]> raw = values.stream().map(value -> value.hasValue() ? value.getValue() : null).toList();
            Map<Long, byte[]> unknown = new LinkedHashMap<>();
            for (int index = 0; index < raw.size(); index++) {
                byte[] value = raw.get(index);
                if (value != null && value.length >= OnlineRecordCodec.HEADER_SIZE && value[0] == OnlineRecordCodec.FORMAT_VERSION) {
                    long fingerprint = OnlineRecordCodec.fingerprint(value);
                    if (fingerprint != reads.get(index).schema().fingerprint() && !knownSchemas.containsKey(fingerprint)) {
                        unknown.put(fingerprint, bytes(OnlineKeys.schemaKey(fingerprint)));
                    }
                }
            }
            if (unknown.isEmpty()) {
                return CompletableFuture.completedFuture(decode(reads, raw));
            }
            return commands.mget(unknown.values().toArray(byte[][]::new)).toCompletableFuture().thenApply(schemas -> {
                for (KeyValue<byte[], byte[]> schema : schemas) {
                    if (schema.hasValue()) {
                        OnlineSchema parsed = OnlineSchema.parse(new String(schema.getValue(), StandardCharsets.UTF_8));
                        knownSchemas.put(parsed.fingerprint(), parsed);
                    }
                }
                return decode(reads, raw);
            });
        }));
    }

    private List<OnlineRecord> decode(List<RecordRead> reads, List<byte[]> raw) {
        List<OnlineRecord> records = new ArrayList<>(raw.size());
        for (int index = 0; index < raw.size(); index++) {
            records.add(decode(reads.get(index), raw.get(index)));
        }
        return records;
    }

    private OnlineRecord decode(RecordRead read, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            long fingerprint = OnlineRecordCodec.fingerprint(value);
            if (fingerprint == read.schema().fingerprint()) {
                return OnlineRecordCodec.decode(value, read.schema());
            }
            OnlineSchema writer = knownSchemas.get(fingerprint);
            if (writer == null) {
                if (missingSchemasLogged.add(fingerprint)) {
                    LOG.warn("Record {} was written with schema {} that the online store does not hold ({} is missing): read as absent",
                            read.key(), Long.toHexString(fingerprint), OnlineKeys.schemaKey(fingerprint));
                }
                return null;
            }
            return OnlineRecordCodec.decode(value, writer, read.schema());
        } catch (IllegalArgumentException e) {
            LOG.warn("Record {} cannot be decoded, read as absent: {}", read.key(), e.getMessage());
            return null;
        }
    }

    @Override
    public CompletableFuture<WriteResult> write(List<RecordWrite> writes) {
        requireNonNull(writes, "writes is null");
        Instant now = clock.instant();
        // Encode everything first: a value that does not fit its schema fails the call before anything is sent.
        List<EncodedWrite> encoded = new ArrayList<>(writes.size());
        Map<Long, OnlineSchema> schemas = new LinkedHashMap<>();
        long expired = 0;
        for (RecordWrite write : writes) {
            if (write.expireAt() != null && !write.expireAt().isAfter(now)) {
                expired++;
                continue;
            }
            byte[] expireAt = write.expireAt() == null ? NO_EXPIRY : bytes(Long.toString(write.expireAt().toEpochMilli()));
            encoded.add(new EncodedWrite(bytes(write.key()), OnlineRecordCodec.encode(write.schema(), write.record()), expireAt));
            if (!storedSchemas.contains(write.schema().fingerprint())) {
                schemas.putIfAbsent(write.schema().fingerprint(), write.schema());
            }
        }
        long skipped = expired;
        List<List<EncodedWrite>> calls = scriptCalls(encoded);
        return commands().thenCompose(commands -> storeSchemas(commands, schemas).thenCompose(ignored -> {
            List<CompletableFuture<Long>> pending = new ArrayList<>(calls.size());
            for (List<EncodedWrite> call : calls) {
                pending.add(compareAndSet(commands, call));
            }
            return CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
                long written = pending.stream().mapToLong(CompletableFuture::join).sum();
                return new WriteResult(written, encoded.size() - written, skipped);
            });
        }));
    }

    /** One record to send: its key, its encoded record and its expiry argument. */
    private record EncodedWrite(byte[] key, byte[] record, byte[] expireAt) {
    }

    /**
     * The records of each script call, in the order the calls are sent: on one server the records in their order, at
     * most {@link #RECORDS_PER_CALL} a call; on a cluster the same per slot, in the order the slots first appear. The
     * records of one key are always in one slot, so they stay in their order.
     */
    private List<List<EncodedWrite>> scriptCalls(List<EncodedWrite> encoded) {
        if (topology == Topology.STANDALONE) {
            return chunks(encoded);
        }
        Map<Integer, List<EncodedWrite>> slots = new LinkedHashMap<>();
        for (EncodedWrite write : encoded) {
            slots.computeIfAbsent(SlotHash.getSlot(write.key()), slot -> new ArrayList<>()).add(write);
        }
        List<List<EncodedWrite>> calls = new ArrayList<>();
        slots.values().forEach(slot -> calls.addAll(chunks(slot)));
        return calls;
    }

    private static List<List<EncodedWrite>> chunks(List<EncodedWrite> writes) {
        List<List<EncodedWrite>> chunks = new ArrayList<>((writes.size() + RECORDS_PER_CALL - 1) / RECORDS_PER_CALL);
        for (int from = 0; from < writes.size(); from += RECORDS_PER_CALL) {
            chunks.add(writes.subList(from, Math.min(writes.size(), from + RECORDS_PER_CALL)));
        }
        return chunks;
    }

    private CompletableFuture<Void> storeSchemas(RedisClusterAsyncCommands<byte[], byte[]> commands, Map<Long, OnlineSchema> schemas) {
        if (schemas.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] pending = schemas.values().stream()
                .map(schema -> commands.set(bytes(OnlineKeys.schemaKey(schema.fingerprint())), bytes(schema.canonicalText())).toCompletableFuture()
                        .thenRun(() -> {
                            storedSchemas.add(schema.fingerprint());
                            knownSchemas.put(schema.fingerprint(), schema);
                        }))
                .toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(pending);
    }

    /** One script call over records of one slot; answers how many it wrote. */
    private static CompletableFuture<Long> compareAndSet(RedisClusterAsyncCommands<byte[], byte[]> commands, List<EncodedWrite> call) {
        byte[][] keys = new byte[call.size()][];
        byte[][] arguments = new byte[2 * call.size()][];
        for (int index = 0; index < keys.length; index++) {
            EncodedWrite write = call.get(index);
            keys[index] = write.key();
            arguments[2 * index] = write.record();
            arguments[2 * index + 1] = write.expireAt();
        }
        return commands.<List<Object>>evalsha(NewerWinsScript.SHA1, ScriptOutputType.MULTI, keys, arguments).toCompletableFuture()
                .exceptionallyCompose(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof RedisNoScriptException) {
                        // first use on this server (or after a restart): EVAL runs it and caches it for the next EVALSHA
                        return commands.<List<Object>>eval(NewerWinsScript.SOURCE, ScriptOutputType.MULTI, keys, arguments).toCompletableFuture();
                    }
                    return CompletableFuture.failedFuture(cause);
                })
                .thenApply(results -> written(results, keys.length));
    }

    /** How many of a call's records the script wrote, from its answer of one 0 or 1 per record. */
    private static long written(List<Object> results, int records) {
        if (results == null || results.size() != records) {
            throw new IllegalStateException("the newer-wins script answered %s for %d records".formatted(results, records));
        }
        long written = 0;
        for (Object result : results) {
            if (result instanceof Long flag && flag == 1L) {
                written++;
            }
        }
        return written;
    }

    @Override
    public CompletableFuture<Long> deleteProject(String project) {
        requireNonNull(project, "project is null");
        CompletableFuture<Long> rejected = ProjectPattern.rejected(project);
        if (rejected != null) {
            return rejected;
        }
        // fs:<project>:<view>:{<entity>}: the braces keep a project named "schema" from matching fs:schema:<fingerprint>
        ScanArgs args = ScanArgs.Builder.matches(bytes("fs:" + project + ":*:{*}")).limit(DELETE_PAGE_SIZE);
        // each SCAN is issued off the event loops: on a cluster Lettuce connects to the next node synchronously, which
        // would wait forever on the very loop that has to make the connection
        return commands().thenComposeAsync(commands -> deletePages(commands, commands.scan(args), args, 0L), ForkJoinPool.commonPool());
    }

    private static CompletableFuture<Long> deletePages(RedisClusterAsyncCommands<byte[], byte[]> commands,
            RedisFuture<KeyScanCursor<byte[]>> page, ScanArgs args, long deletedBefore) {
        return page.toCompletableFuture().thenCompose(cursor -> {
            List<byte[]> keys = cursor.getKeys();
            CompletableFuture<Long> deleted = keys.isEmpty()
                    ? CompletableFuture.completedFuture(0L)
                    : commands.unlink(keys.toArray(byte[][]::new)).toCompletableFuture();
            return deleted.thenCompose(count -> cursor.isFinished()
                    ? CompletableFuture.completedFuture(deletedBefore + count)
                    : CompletableFuture.supplyAsync(() -> commands.scan(cursor, args), ForkJoinPool.commonPool())
                            .thenCompose(next -> deletePages(commands, next, args, deletedBefore + count)));
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connections.close();
    }
}
