package dev.featurestore.bench;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineRecordCodec;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.RedisOnlineStore;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.testkit.StackOptions;
import dev.featurestore.testkit.TestStack;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online store's newer-wins writer against the floor of raw pipelined {@code SET}s of the same records, in the
 * same run, on the testkit's embedded redis-server: 1M records of one view (five FLOAT64, event and created
 * timestamps, an expiry), keyed as materialization keys them. The writer gets them as a materialization run hands
 * them over ({@code RecordWrite}s, {@code batch} per write, {@code in-flight} writes unanswered; it encodes them);
 * the floor sends the already encoded records with {@code SET key value PXAT expiry}, {@code batch} commands per
 * flush, {@code in-flight} flushes unanswered. Redis is emptied before each measurement; a warm-up of both comes
 * first. Target (issue "Offline engine on DuckDB"): the writer within 1.5x of the floor.
 *
 * <pre>
 * ./mvnw -B -q -o package -DskipTests -pl bench -am
 * java -Xmx2g -cp "bench/target/bench.jar:bench/target/lib/*" dev.featurestore.bench.OnlineWriteBench
 * </pre>
 * Options: {@code --records=1000000 --batch=1000 --in-flight=8 --runs=3}.
 */
public final class OnlineWriteBench {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineWriteBench.class);
    private static final OnlineSchema SCHEMA = new OnlineSchema(List.of(new OnlineField("f1", ValueType.FLOAT64), new OnlineField("f2", ValueType.FLOAT64),
            new OnlineField("f3", ValueType.FLOAT64), new OnlineField("f4", ValueType.FLOAT64), new OnlineField("f5", ValueType.FLOAT64)));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final int records;
    private final int batch;
    private final int inFlight;
    private final int runs;
    private final Instant expireAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(29));

    private OnlineWriteBench(Map<String, String> options) {
        this.records = Integer.parseInt(options.getOrDefault("records", "1000000"));
        this.batch = Integer.parseInt(options.getOrDefault("batch", "1000"));
        this.inFlight = Integer.parseInt(options.getOrDefault("in-flight", "8"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
    }

    public static void main(String[] args) {
        Map<String, String> options = Arrays.stream(args).map(arg -> arg.replaceFirst("^--", "").split("=", 2))
                .collect(Collectors.toMap(option -> option[0], option -> option.length > 1 ? option[1] : "true", (first, last) -> last));
        BenchSupport.runAndExit("Online write bench", () -> new OnlineWriteBench(options).run());
    }

    private boolean run() {
        List<RecordWrite> writes = writes();
        List<byte[][]> encoded = writes.stream().map(OnlineWriteBench::encode).toList();
        String loadBefore = BenchSupport.loadAverage();
        List<double[]> measured = new ArrayList<>();
        try (TestStack stack = TestStack.start(StackOptions.forTests())) {
            RedisClient client = RedisClient.create(stack.redis().uri());
            try (StatefulRedisConnection<byte[], byte[]> raw = client.connect(ByteArrayCodec.INSTANCE);
                 RedisOnlineStore store = RedisOnlineStore.standalone(client, Clock.systemUTC())) {
                LOG.info("warm-up: {} records both ways", records);
                raw.sync().flushall();
                floor(raw, encoded);
                raw.sync().flushall();
                write(store, writes);
                for (int run = 1; run <= runs; run++) {
                    raw.sync().flushall();
                    long floorNanos = floor(raw, encoded);
                    requireKeys(raw, "the floor");
                    raw.sync().flushall();
                    long writerNanos = write(store, writes);
                    requireKeys(raw, "the writer");
                    double ratio = (double) writerNanos / floorNanos;
                    measured.add(new double[] {floorNanos / 1e6, writerNanos / 1e6, ratio});
                    LOG.info("run {}: raw pipelined SET {} ms, newer-wins writer {} ms, writer / SET {}", run, floorNanos / 1_000_000,
                            writerNanos / 1_000_000, "%.2f".formatted(ratio));
                }
            } finally {
                client.shutdown(0, 2, TimeUnit.SECONDS);
            }
        }
        double[] ratios = measured.stream().mapToDouble(run -> run[2]).sorted().toArray();
        double median = ratios[ratios.length / 2];
        StringBuilder report = new StringBuilder("%nOnlineWriteBench: %,d records, batch %d, %d in flight, %d script records per call, load before %s%n"
                .formatted(records, batch, inFlight, RedisOnlineStore.RECORDS_PER_CALL, loadBefore));
        report.append("| run | raw pipelined SET ms | newer-wins writer ms | writer / SET |\n|---|---|---|---|\n");
        for (int run = 0; run < measured.size(); run++) {
            double[] figures = measured.get(run);
            report.append("| %d | %.0f | %.0f | %.2f |%n".formatted(run + 1, figures[0], figures[1], figures[2]));
        }
        report.append("median writer / SET %.2f (target at most 1.5): %s%n".formatted(median, median <= 1.5 ? "met" : "missed"));
        LOG.info("{}", report);
        return median <= 1.5;
    }

    /** The records: driver 0..n-1 of one view, five random doubles, an event a day back, a created timestamp, expiring 30 days after the event. */
    private List<RecordWrite> writes() {
        List<JoinKey> keys = List.of(new JoinKey("driver_id", ValueType.INT64));
        Random random = new Random(1);
        Instant event = expireAt.minus(Duration.ofDays(30));
        List<RecordWrite> writes = new ArrayList<>(records);
        for (long driver = 0; driver < records; driver++) {
            OnlineRecord record = new OnlineRecord(event, event.plusSeconds(1), List.of(random.nextDouble(), random.nextDouble(), random.nextDouble(),
                    random.nextDouble(), random.nextDouble()));
            writes.add(new RecordWrite(OnlineKeys.recordKey("bench", "driver_online", keys, List.of(driver)), SCHEMA, record, expireAt));
        }
        return writes;
    }

    private static byte[][] encode(RecordWrite write) {
        return new byte[][] {write.key().getBytes(StandardCharsets.UTF_8), OnlineRecordCodec.encode(write.schema(), write.record())};
    }

    /** The floor: {@code SET key value PXAT expiry} of the encoded records, {@code batch} per flush, {@code inFlight} flushes unanswered. */
    private long floor(StatefulRedisConnection<byte[], byte[]> connection, List<byte[][]> encoded) {
        RedisAsyncCommands<byte[], byte[]> async = connection.async();
        SetArgs expiry = SetArgs.Builder.pxAt(expireAt.toEpochMilli());
        long started = System.nanoTime();
        connection.setAutoFlushCommands(false);
        try {
            Deque<List<RedisFuture<String>>> pending = new ArrayDeque<>();
            List<RedisFuture<String>> sent = new ArrayList<>(batch);
            for (byte[][] record : encoded) {
                sent.add(async.set(record[0], record[1], expiry));
                if (sent.size() == batch) {
                    connection.flushCommands();
                    pending.addLast(sent);
                    sent = new ArrayList<>(batch);
                    if (pending.size() == inFlight) {
                        LettuceFutures.awaitAll(TIMEOUT, pending.removeFirst().toArray(RedisFuture[]::new));
                    }
                }
            }
            connection.flushCommands();
            pending.addLast(sent);
            for (List<RedisFuture<String>> flushed : pending) {
                LettuceFutures.awaitAll(TIMEOUT, flushed.toArray(RedisFuture[]::new));
            }
        } finally {
            connection.setAutoFlushCommands(true);
        }
        return System.nanoTime() - started;
    }

    /** The writer: {@code batch} records per write, {@code inFlight} writes unanswered, as a materialization run writes. */
    private long write(RedisOnlineStore store, List<RecordWrite> writes) {
        long started = System.nanoTime();
        Deque<CompletableFuture<WriteResult>> pending = new ArrayDeque<>();
        WriteResult total = WriteResult.NONE;
        for (int from = 0; from < writes.size(); from += batch) {
            if (pending.size() == inFlight) {
                total = total.plus(pending.removeFirst().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
            }
            pending.addLast(store.write(writes.subList(from, Math.min(writes.size(), from + batch))));
        }
        while (!pending.isEmpty()) {
            total = total.plus(pending.removeFirst().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
        }
        long nanos = System.nanoTime() - started;
        if (total.written() != writes.size()) {
            throw new IllegalStateException("the writer wrote %s of %d records into an empty Redis".formatted(total, writes.size()));
        }
        return nanos;
    }

    private void requireKeys(StatefulRedisConnection<byte[], byte[]> connection, String what) {
        long keys = connection.sync().dbsize();
        // the writer also stores its schema's text
        if (keys < records || keys > records + 1) {
            throw new IllegalStateException("%s left %d keys for %d records".formatted(what, keys, records));
        }
    }
}
