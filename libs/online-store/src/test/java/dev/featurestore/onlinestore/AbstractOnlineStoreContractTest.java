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

/**
 * What every online store backend must do (docs/online-record-format.md), through the {@link OnlineStore} interface alone:
 * one subclass per backend (in memory; each Redis topology through {@link AbstractRedisOnlineStoreContractTest}, which adds
 * what only Redis shows).
 */
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
    OnlineStore store(Clock clock) {
        return backend.stores().apply(clock);
    }

    /** The test's project (a new one per test). */
    String project() {
        return project;
    }

    /** The test's start, to the millisecond. */
    Instant now() {
        return now;
    }

    @Test
    void readsManyEntitiesAndViewsInOneCallInRequestOrderWithAbsentOnesNull() {
        try (OnlineStore store = store(Clock.systemUTC())) {
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
    void aWriteNeverReplacesARecordWithGreaterOrEqualEventAndCreatedTimestamps() {
        try (OnlineStore store = store(Clock.systemUTC())) {
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
        try (OnlineStore store = store(Clock.systemUTC())) {
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
        try (OnlineStore store = store(Clock.systemUTC())) {
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
        try (OnlineStore store = store(Clock.systemUTC())) {
            Duration ttl = Duration.ofMinutes(30);
            Instant fresh = now.minusSeconds(60);
            WriteResult result = store.write(List.of(
                    write("stats", 1, STATS, stats(fresh, null, 1.0), OnlineExpiry.expireAt(fresh, ttl, null)),
                    write("stats", 2, STATS, stats(now, null, 2.0), OnlineExpiry.expireAt(now, Duration.ZERO, null)),
                    write("stats", 3, STATS, stats(now.minus(Duration.ofHours(2)), null, 3.0), OnlineExpiry.expireAt(now.minus(Duration.ofHours(2)), ttl, null)))).join();

            assertThat(result).isEqualTo(new WriteResult(2, 0, 1));
            assertThat(store.read(List.of(new RecordRead(key("stats", 1), STATS), new RecordRead(key("stats", 2), STATS),
                    new RecordRead(key("stats", 3), STATS))).join()).extracting(record -> record == null ? null : record.values().get(0))
                    .containsExactly(1.0, 2.0, null);
            assertThat(OnlineExpiry.expireAt(fresh, ttl, Duration.ofMinutes(5))).isEqualTo(fresh.plus(ttl).plusSeconds(300));
        }
    }

    @Test
    void aRecordWrittenBeforeFieldsWereAddedIsReadWithTheNewSchemaByAnotherProcess() {
        OnlineSchema grown = grown();
        try (OnlineStore writer = store(Clock.systemUTC())) {
            writer.write(List.of(write("stats", 1, STATS, stats(now, null, 0.5), null))).join();
        }
        // a fresh store knows no schema but the one it reads with: it reads the writer's from Redis
        try (OnlineStore reader = store(Clock.systemUTC())) {
            OnlineRecord record = reader.read(List.of(new RecordRead(key("stats", 1), grown), new RecordRead(key("stats", 1), STATS))).join().get(0);

            assertThat(record.values()).containsExactly(null, 0.5, 1L, "Oslo");
            assertThat(record.eventTimestamp()).isEqualTo(now);
        }
    }

    @Test
    void aValueThatDoesNotFitItsSchemaFailsTheWriteBeforeAnythingIsSent() {
        try (OnlineStore store = store(Clock.systemUTC())) {
            List<RecordWrite> writes = List.of(write("stats", 1, STATS, stats(now, null, 1.0), null),
                    write("stats", 2, STATS, new OnlineRecord(now, null, List.of("not a double", 1L, "x")), null));

            assertThatThrownBy(() -> store.write(writes)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'conv_rate'");
            assertThat(store.read(List.of(new RecordRead(key("stats", 1), STATS))).join()).containsExactly((OnlineRecord) null);
        }
    }

    @Test
    void deletesEveryRecordOfAProjectInPagesAndNothingOfAnotherProjectOrTheSchemas() throws Exception {
        String other = project + "_other";
        try (OnlineStore store = store(Clock.systemUTC())) {
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
            // the writers' schemas stay: a record of the other project written with an older schema is still read
            assertThat(store.read(List.of(new RecordRead(OnlineKeys.recordKey(other, "stats", List.of(DRIVER), List.of(1L)), grown()))).join().get(0).values())
                    .containsExactly(null, 0.7, 1L, "Oslo");
            assertThat(store.deleteProject(project).get(30, TimeUnit.SECONDS)).isZero();
            assertThatThrownBy(() -> store.deleteProject("fs:*").join()).hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    /** STATS with a field added in front. */
    static OnlineSchema grown() {
        return new OnlineSchema(List.of(new OnlineField("acc_rate", FLOAT64), new OnlineField("conv_rate", FLOAT64),
                new OnlineField("trips", INT64), new OnlineField("city", STRING)));
    }

    RecordWrite write(String view, long driver, OnlineSchema schema, OnlineRecord record, Instant expireAt) {
        return new RecordWrite(key(view, driver), schema, record, expireAt);
    }

    String key(String view, long driver) {
        return OnlineKeys.recordKey(project, view, List.of(DRIVER), List.of(driver));
    }

    static OnlineRecord stats(Instant event, Instant created, double conv) {
        return new OnlineRecord(event, created, List.of(conv, 1L, "Oslo"));
    }

    double conv(OnlineStore store, long driver) {
        return (Double) store.read(List.of(new RecordRead(key("stats", driver), STATS))).join().get(0).values().get(0);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A backend under test.
     *
     * @param stores makes a store with a clock; the stores of one backend share what they hold (as processes share a Redis)
     * @param closer releases the backend
     */
    record Backend(Function<Clock, OnlineStore> stores, Runnable closer) {
    }
}
