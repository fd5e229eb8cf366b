package dev.featurestore.onlinestore;

import static dev.featurestore.contracts.definition.ValueType.FLOAT32;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.STRING_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.JoinKey;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every online store backend must do (docs/online-record-format.md); one subclass per Redis topology. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOnlineStoreContractTest {
    static final JoinKey DRIVER = new JoinKey("driver_id", INT64);
    static final OnlineSchema STATS = new OnlineSchema(List.of(new OnlineField("conv_rate", FLOAT64), new OnlineField("trips", INT64),
            new OnlineField("city", STRING)));
    static final OnlineSchema TAGS = new OnlineSchema(List.of(new OnlineField("tags", STRING_LIST), new OnlineField("score", FLOAT32)));

    private Backend backend;
    private String project;
    private Instant now;

    /** Connects to the backend, once per test class. */
    protected abstract Backend connect();

    @BeforeAll
    void connectBackend() {
        backend = connect();
    }

    @AfterAll
    void closeBackend() {
        backend.closer().run();
    }

    @BeforeEach
    void freshProject() {
        project = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new store over the backend (each test closes the stores it makes). */
    private RedisOnlineStore newStore(Clock clock) {
        return backend.stores().apply(clock);
    }

    /** Plain commands on the backend, to look at what the store wrote. */
    private RedisClusterCommands<byte[], byte[]> raw() {
        return backend.raw();
    }

    @Test
    void readsManyEntitiesAndViewsInOneCallInRequestOrderWithAbsentOnesNull() {
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            List<RecordWrite> writes = new ArrayList<>();
            for (long driver = 0; driver < 200; driver++) {
                writes.add(write("stats", driver, STATS, new OnlineRecord(now.minusSeconds(driver), null, List.of(driver / 10.0, driver, "city " + driver)), null));
                if (driver % 2 == 0) {
                    writes.add(write("tags", driver, TAGS, new OnlineRecord(now, now, Arrays.asList(List.of("a", "b" + driver), null)), null));
                }
            }
            assertThat(store.write(writes).join()).isEqualTo(new WriteResult(300, 0, 0));

            List<RecordRead> reads = new ArrayList<>();
            for (long driver = 0; driver < 200; driver++) {
                reads.add(new RecordRead(key("stats", driver), STATS));
                reads.add(new RecordRead(key("tags", driver), TAGS));
            }
            reads.add(new RecordRead(key("stats", 999_999), STATS));
            List<OnlineRecord> records = store.read(reads).join();

            assertThat(records).hasSize(401);
            for (int driver = 0; driver < 200; driver++) {
                OnlineRecord stats = records.get(2 * driver);
                assertThat(stats.values()).containsExactly(driver / 10.0, (long) driver, "city " + driver);
                assertThat(stats.eventTimestamp()).isEqualTo(now.minusSeconds(driver));
                assertThat(stats.createdTimestamp()).isNull();
                OnlineRecord tags = records.get(2 * driver + 1);
                if (driver % 2 == 0) {
                    assertThat(tags.values()).containsExactly(List.of("a", "b" + driver), null);
                } else {
                    assertThat(tags).isNull();
                }
            }
            assertThat(records.get(400)).isNull();
            assertThat(store.read(List.of()).join()).isEmpty();
        }
    }

    @Test
    void storesExactlyTheCodecsBytesUnderTheContractsKeyAndTheWritersSchema() {
        OnlineRecord record = new OnlineRecord(now, now.plusMillis(5), List.of(0.25, 7L, "Oslo"));
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            store.write(List.of(write("stats", 42, STATS, record, null))).join();
        }

        assertThat(raw().get(bytes("fs:" + project + ":stats:{driver_id=42}"))).isEqualTo(OnlineRecordCodec.encode(STATS, record));
        assertThat(new String(raw().get(bytes(OnlineKeys.schemaKey(STATS.fingerprint()))), StandardCharsets.UTF_8)).isEqualTo(STATS.canonicalText());
        // every view of one entity in one slot, whatever the view
        assertThat(SlotHash.getSlot(key("stats", 42))).isEqualTo(SlotHash.getSlot(key("tags", 42))).isEqualTo(SlotHash.getSlot("{driver_id=42}"));
    }

    @Test
    void aWriteNeverReplacesARecordWithGreaterOrEqualEventAndCreatedTimestamps() {
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            Instant event = now.minusSeconds(60);
            assertThat(store.write(List.of(write("stats", 1, STATS, stats(event, now, 1.0), null))).join().written()).isEqualTo(1);
            // older event, equal timestamps, same event with no or an older created timestamp: unchanged
            assertThat(store.write(List.of(
                    write("stats", 1, STATS, stats(event.minusMillis(1), now.plusSeconds(9), 2.0), null),
                    write("stats", 1, STATS, stats(event, now, 3.0), null),
                    write("stats", 1, STATS, stats(event, null, 4.0), null),
                    write("stats", 1, STATS, stats(event, now.minusMillis(1), 5.0), null))).join()).isEqualTo(new WriteResult(0, 4, 0));
            assertThat(conv(store, 1)).isEqualTo(1.0);
            // same event, later created timestamp: replaces
            assertThat(store.write(List.of(write("stats", 1, STATS, stats(event, now.plusNanos(1_000), 6.0), null))).join().written()).isEqualTo(1);
            assertThat(conv(store, 1)).isEqualTo(6.0);
            // later event, even without a created timestamp: replaces
            assertThat(store.write(List.of(write("stats", 1, STATS, stats(event.plusMillis(1), null, 7.0), null))).join().written()).isEqualTo(1);
            assertThat(conv(store, 1)).isEqualTo(7.0);
            // before 1970 compares right too (negative microseconds)
            assertThat(store.write(List.of(write("stats", 2, STATS, stats(Instant.parse("1969-12-31T23:59:59Z"), null, 1.0), null),
                    write("stats", 2, STATS, stats(Instant.parse("1969-12-31T23:59:58Z"), null, 2.0), null))).join().written()).isEqualTo(1);
            assertThat(conv(store, 2)).isEqualTo(1.0);
        }
    }

    @Test
    void aWriteOfManyScriptCallsCountsEveryRecordExactlyAndKeepsTheOrderOfEachKeysRecords() {
        // records of 40 keys (spread over slots and nodes on a cluster), several per key, in one write of many script calls
        Random random = new Random(11);
        List<RecordWrite> writes = new ArrayList<>();
        OnlineRecord[] expected = new OnlineRecord[40];
        long expectedWritten = 0;
        for (int index = 0; index < 5 * RedisOnlineStore.RECORDS_PER_CALL + 7; index++) {
            int driver = random.nextInt(expected.length);
            Instant created = random.nextInt(3) == 0 ? null : now.minusSeconds(random.nextInt(3));
            OnlineRecord record = stats(now.minusSeconds(random.nextInt(4)), created, index);
            writes.add(write("stats", driver, STATS, record, null));
            // newer-wins applied record by record in the write's order
            if (expected[driver] == null || isGreater(record, expected[driver])) {
                expected[driver] = record;
                expectedWritten++;
            }
        }
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            assertThat(store.write(writes).join()).isEqualTo(new WriteResult(expectedWritten, writes.size() - expectedWritten, 0));

            List<RecordRead> reads = new ArrayList<>();
            for (int driver = 0; driver < expected.length; driver++) {
                reads.add(new RecordRead(key("stats", driver), STATS));
            }
            assertThat(store.read(reads).join()).containsExactly(expected);
        }
    }

    private static boolean isGreater(OnlineRecord candidate, OnlineRecord stored) {
        int event = candidate.eventTimestamp().compareTo(stored.eventTimestamp());
        if (event != 0) {
            return event > 0;
        }
        Instant candidateCreated = candidate.createdTimestamp() == null ? Instant.MIN : candidate.createdTimestamp();
        Instant storedCreated = stored.createdTimestamp() == null ? Instant.MIN : stored.createdTimestamp();
        return candidateCreated.isAfter(storedCreated);
    }

    @Test
    void concurrentWritersLeaveTheGreatestRecordOfEachKey() throws Exception {
        List<OnlineRecord> candidates = new ArrayList<>();
        Random random = new Random(7);
        for (int index = 0; index < 400; index++) {
            Instant event = now.minusSeconds(random.nextInt(20));
            Instant created = random.nextInt(4) == 0 ? null : now.minusSeconds(random.nextInt(5));
            candidates.add(stats(event, created, index));
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                List<OnlineRecord> share = candidates.subList(thread * 100, thread * 100 + 100);
                futures.add(executor.submit(() -> {
                    for (OnlineRecord record : share) {
                        store.write(List.of(write("stats", 5, STATS, record, null), write("stats", 6, STATS, record, null))).join();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            OnlineRecord greatest = candidates.stream().max(Comparator.comparing(OnlineRecord::eventTimestamp)
                    .thenComparing(record -> record.createdTimestamp() == null ? Instant.MIN : record.createdTimestamp())).orElseThrow();
            List<OnlineRecord> stored = store.read(List.of(new RecordRead(key("stats", 5), STATS), new RecordRead(key("stats", 6), STATS))).join();

            // several candidates may tie on both timestamps: the first of them written wins, so compare timestamps
            assertThat(stored).allSatisfy(record -> {
                assertThat(record.eventTimestamp()).isEqualTo(greatest.eventTimestamp());
                assertThat(record.createdTimestamp()).isEqualTo(greatest.createdTimestamp());
            });
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void recordsExpireAtEventPlusTtlPlusRetentionAndAlreadyExpiredOnesAreNotSent() {
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            Duration ttl = Duration.ofMinutes(30);
            Instant fresh = now.minusSeconds(60);
            WriteResult result = store.write(List.of(
                    write("stats", 1, STATS, stats(fresh, null, 1.0), OnlineExpiry.expireAt(fresh, ttl, null)),
                    write("stats", 2, STATS, stats(now, null, 2.0), OnlineExpiry.expireAt(now, Duration.ZERO, null)),
                    write("stats", 3, STATS, stats(now.minus(Duration.ofHours(2)), null, 3.0), OnlineExpiry.expireAt(now.minus(Duration.ofHours(2)), ttl, null)))).join();

            assertThat(result).isEqualTo(new WriteResult(2, 0, 1));
            // expires at fresh + 30 min + 30 min (retention defaults to the ttl)
            long expected = Duration.between(Instant.now(), fresh.plus(ttl).plus(ttl)).toMillis();
            assertThat(raw().pttl(bytes(key("stats", 1)))).isBetween(expected - 10_000, expected + 1_000);
            assertThat(raw().pttl(bytes(key("stats", 2)))).isEqualTo(-1L);
            assertThat(raw().exists(bytes(key("stats", 3)))).isZero();
            assertThat(OnlineExpiry.expireAt(fresh, ttl, Duration.ofMinutes(5))).isEqualTo(fresh.plus(ttl).plusSeconds(300));
        }
    }

    @Test
    void aRecordWrittenBeforeFieldsWereAddedIsReadWithTheNewSchemaByAnotherProcess() {
        OnlineSchema grown = new OnlineSchema(List.of(new OnlineField("acc_rate", FLOAT64), new OnlineField("conv_rate", FLOAT64),
                new OnlineField("trips", INT64), new OnlineField("city", STRING)));
        try (RedisOnlineStore writer = newStore(Clock.systemUTC())) {
            writer.write(List.of(write("stats", 1, STATS, stats(now, null, 0.5), null))).join();
        }
        // a fresh store knows no schema but the one it reads with: it reads the writer's from Redis
        try (RedisOnlineStore reader = newStore(Clock.systemUTC())) {
            OnlineRecord record = reader.read(List.of(new RecordRead(key("stats", 1), grown), new RecordRead(key("stats", 1), STATS))).join().get(0);

            assertThat(record.values()).containsExactly(null, 0.5, 1L, "Oslo");
            assertThat(record.eventTimestamp()).isEqualTo(now);
        }
    }

    @Test
    void aRecordWhoseSchemaIsNowhereIsReadAsAbsent() {
        OnlineSchema unknown = new OnlineSchema(List.of(new OnlineField("only_here_" + project, FLOAT64)));
        raw().set(bytes(key("stats", 1)), OnlineRecordCodec.encode(unknown, new OnlineRecord(now, null, List.of(1.0))));
        raw().set(bytes(key("stats", 2)), new byte[] {1, 2, 3});

        try (RedisOnlineStore reader = newStore(Clock.systemUTC())) {
            assertThat(reader.read(List.of(new RecordRead(key("stats", 1), STATS), new RecordRead(key("stats", 2), STATS))).join())
                    .containsExactly(null, null);
        }
    }

    @Test
    void aValueThatDoesNotFitItsSchemaFailsTheWriteBeforeAnythingIsSent() {
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            List<RecordWrite> writes = List.of(write("stats", 1, STATS, stats(now, null, 1.0), null),
                    write("stats", 2, STATS, new OnlineRecord(now, null, List.of("not a double", 1L, "x")), null));

            assertThatThrownBy(() -> store.write(writes)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'conv_rate'");
            assertThat(store.read(List.of(new RecordRead(key("stats", 1), STATS))).join()).containsExactly((OnlineRecord) null);
        }
    }

    @Test
    void writesGoOnAfterTheServerForgetsTheScript() {
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            store.write(List.of(write("stats", 1, STATS, stats(now.minusSeconds(1), null, 1.0), null))).join();
            raw().scriptFlush();

            assertThat(store.write(List.of(write("stats", 1, STATS, stats(now, null, 2.0), null))).join().written()).isEqualTo(1);
            assertThat(conv(store, 1)).isEqualTo(2.0);
        }
    }

    @Test
    void deletesEveryRecordOfAProjectInPagesAndNothingOfAnotherProjectOrTheSchemas() throws Exception {
        String other = project + "_other";
        try (RedisOnlineStore store = newStore(Clock.systemUTC())) {
            List<RecordWrite> writes = new ArrayList<>();
            for (long driver = 0; driver < 2_500; driver++) {
                writes.add(write("stats", driver, STATS, stats(now, null, 0.5), null));
            }
            writes.add(write("tags", 1, TAGS, new OnlineRecord(now, now, Arrays.asList(List.of("a"), 1.0f)), null));
            writes.add(new RecordWrite(OnlineKeys.recordKey(other, "stats", List.of(DRIVER), List.of(1L)), STATS, stats(now, null, 0.7), null));
            store.write(writes).join();

            assertThat(store.deleteProject(project).get(30, TimeUnit.SECONDS)).isEqualTo(2_501L);

            assertThat(store.read(List.of(new RecordRead(key("stats", 0), STATS), new RecordRead(key("stats", 2_499), STATS),
                    new RecordRead(key("tags", 1), TAGS))).join()).containsOnlyNulls();
            assertThat(store.read(List.of(new RecordRead(OnlineKeys.recordKey(other, "stats", List.of(DRIVER), List.of(1L)), STATS))).join().get(0).values())
                    .containsExactly(0.7, 1L, "Oslo");
            assertThat(raw().get(OnlineKeys.schemaKey(STATS.fingerprint()).getBytes(StandardCharsets.UTF_8))).isNotNull();
            assertThat(store.deleteProject(project).get(30, TimeUnit.SECONDS)).isZero();
            assertThatThrownBy(() -> store.deleteProject("fs:*").join()).hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    private RecordWrite write(String view, long driver, OnlineSchema schema, OnlineRecord record, Instant expireAt) {
        return new RecordWrite(key(view, driver), schema, record, expireAt);
    }

    private String key(String view, long driver) {
        return OnlineKeys.recordKey(project, view, List.of(DRIVER), List.of(driver));
    }

    private static OnlineRecord stats(Instant event, Instant created, double conv) {
        return new OnlineRecord(event, created, List.of(conv, 1L, "Oslo"));
    }

    private double conv(RedisOnlineStore store, long driver) {
        return (Double) store.read(List.of(new RecordRead(key("stats", driver), STATS))).join().get(0).values().get(0);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Redis topology under test.
     *
     * @param stores makes a store with a clock
     * @param raw plain commands, to look at what a store wrote
     * @param closer closes the connection and shuts the client down
     */
    record Backend(Function<Clock, RedisOnlineStore> stores, RedisClusterCommands<byte[], byte[]> raw, Runnable closer) {
    }
}
