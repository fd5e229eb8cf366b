package dev.featurestore.materialization.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.duckdb.DuckDbOfflineEngine;
import dev.featurestore.offlineengine.duckdb.DuckDbSettings;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.FeatureStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A pass over local Parquet files through the real DuckDB engine into an online store held in memory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewMaterializerTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final RowSchema SOURCE = new RowSchema(List.of(new Column("id", ValueType.INT32), new Column("ts", ValueType.UNIX_TIMESTAMP),
            new Column("created", ValueType.UNIX_TIMESTAMP), new Column("rate_raw", ValueType.FLOAT32), new Column("trips", ValueType.INT32),
            new Column("city", ValueType.STRING)));

    @TempDir
    static Path directory;
    private OfflineEngine engine;
    private InMemoryOnlineStore online;

    @BeforeAll
    void startEngine() {
        engine = new DuckDbOfflineEngine(new LocalObjectStore(), DuckDbSettings.defaults(directory.resolve("engine")));
    }

    @BeforeEach
    void emptyOnlineStore() {
        online = new InMemoryOnlineStore(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    void closeEngine() {
        engine.close();
    }

    @Test
    void writesTheLatestRowPerEntityThroughTheFieldMappingWithStatisticsSampleAndExpiry() {
        Path source = directory.resolve("stats");
        write(source.resolve("a.parquet"), List.of(
                row(1, NOW.minusSeconds(7200), null, 0.1f, 1, "oslo"),
                row(1, NOW.minusSeconds(3600), NOW.minusSeconds(60), 0.2f, 2, "oslo"),
                row(1, NOW.minusSeconds(3600), NOW.minusSeconds(30), 0.3f, 3, "rome"),
                row(2, NOW.minusSeconds(600), null, 0.5f, null, "rome"),
                row(3, NOW.minus(Duration.ofDays(3)), null, 0.7f, 7, "paris"),
                row(4, NOW.plusSeconds(60), null, 9.9f, 9, "late")));
        write(source.resolve("b.parquet"), List.<Object[]>of(row(2, NOW.minusSeconds(1200), null, 0.4f, 4, "oslo")));
        ResolvedFeatureView view = view(source.toUri().toString(), "1d");

        ViewMaterializer.Outcome outcome = materializer(2).materialize(view, NOW.minus(Duration.ofDays(7)), NOW, RunListener.NONE);

        assertThat(outcome.rowsRead()).isEqualTo(6);
        // entity 3's latest row is older than ttl + retention (1d + 1d): counted expired, not written
        assertThat(List.of(outcome.written(), outcome.unchanged(), outcome.expired())).containsExactly(2L, 0L, 1L);
        assertThat(outcome.maxEventTimestamp()).contains(NOW.minusSeconds(600));
        assertThat(online.record(view, 1)).isEqualTo(new OnlineRecord(NOW.minusSeconds(3600), NOW.minusSeconds(30), List.of((double) 0.3f, 3L, "rome")));
        assertThat(online.record(view, 2)).isEqualTo(new OnlineRecord(NOW.minusSeconds(600), null, Arrays.asList((double) 0.5f, null, "rome")));
        assertThat(online.record(view, 3)).isNull();
        assertThat(online.expiry(view, 1)).isEqualTo(NOW.minusSeconds(3600).plus(Duration.ofDays(2)));
        FeatureStatistics trips = outcome.statistics().get("trips");
        assertThat(List.of(trips.count(), trips.nullCount())).containsExactly(3L, 1L);
        assertThat(outcome.statistics().get("rate")).satisfies(rate -> {
            assertThat(rate.count()).isEqualTo(3);
            assertThat(rate.max()).isEqualTo((double) 0.7f);
            assertThat(rate.kllSketch()).isNotBlank();
        });
        assertThat(outcome.sample()).hasSize(2).allSatisfy(keys -> assertThat(keys).hasSize(1).allMatch(key -> key instanceof Integer));
        Set<Object> sampled = new HashSet<>();
        outcome.sample().forEach(keys -> sampled.add(keys[0]));
        assertThat(sampled).hasSize(2).isSubsetOf(1, 2, 3);
    }

    @Test
    void aSecondPassOverTheSameWindowLeavesEveryRecordUnchanged() {
        Path source = directory.resolve("again");
        write(source.resolve("a.parquet"), List.of(row(1, NOW.minusSeconds(60), null, 0.1f, 1, "oslo"), row(2, NOW.minusSeconds(60), null, 0.2f, 2, "rome")));
        ResolvedFeatureView view = view(source.toUri().toString(), "0");
        ViewMaterializer materializer = materializer(100);

        materializer.materialize(view, NOW.minusSeconds(3600), NOW, RunListener.NONE);
        ViewMaterializer.Outcome again = materializer.materialize(view, NOW.minusSeconds(3600), NOW, RunListener.NONE);

        assertThat(List.of(again.written(), again.unchanged(), again.expired())).containsExactly(0L, 2L, 0L);
        assertThat(online.expiry(view, 1)).isNull();
    }

    @Test
    void aSourceColumnOfTheWrongTypeFailsWithTheEnginesMessageNamingFileAndColumn() {
        Path source = directory.resolve("mismatch");
        RowSchema wrong = new RowSchema(List.of(new Column("id", ValueType.STRING), new Column("ts", ValueType.UNIX_TIMESTAMP),
                new Column("created", ValueType.UNIX_TIMESTAMP), new Column("rate_raw", ValueType.FLOAT32)));
        Path file = source.resolve("a.parquet");
        ParquetRowWriter.writeAll(new LocalObjectStore(), StorageUri.of(file), wrong, List.of(Row.of(wrong, "x", NOW.minusSeconds(60), null, 0.1f)),
                ParquetWriteOptions.DEFAULTS);

        assertThatThrownBy(() -> materializer(10).materialize(view(source.toUri().toString(), "0"), NOW.minusSeconds(3600), NOW, RunListener.NONE))
                .isInstanceOfSatisfying(FeatureStoreException.class, e -> assertThat(e.code()).isEqualTo(MaterializationErrorCode.SOURCE_SCHEMA_MISMATCH))
                .hasMessageContaining("'id'").hasMessageContaining(file.getFileName().toString()).hasMessageContaining("STRING");
    }

    @Test
    void anObjectThatIsNotParquetFailsAsUnreadableNamingIt() throws IOException {
        Path source = directory.resolve("unreadable");
        Files.createDirectories(source);
        Files.writeString(source.resolve("broken.parquet"), "not a parquet file");

        assertThatThrownBy(() -> materializer(10).materialize(view(source.toUri().toString(), "0"), NOW.minusSeconds(3600), NOW, RunListener.NONE))
                .isInstanceOfSatisfying(FeatureStoreException.class, e -> assertThat(e.code()).isEqualTo(MaterializationErrorCode.SOURCE_UNREADABLE))
                .hasMessageContaining("broken.parquet");
        assertThatThrownBy(() -> materializer(10).materialize(view("driver/", "0"), NOW.minusSeconds(3600), NOW, RunListener.NONE))
                .isInstanceOfSatisfying(FeatureStoreException.class, e -> assertThat(e.code()).isEqualTo(MaterializationErrorCode.SOURCE_UNREADABLE))
                .hasMessageContaining("invalid storage URI");
    }

    @Test
    void aStopRequestStopsThePassWhileReadingOrWriting() {
        Path source = directory.resolve("stopped");
        List<Object[]> rows = new ArrayList<>();
        for (int id = 0; id < 50; id++) {
            rows.add(row(id, NOW.minusSeconds(60), null, 0.1f, id, "oslo"));
        }
        write(source.resolve("a.parquet"), rows);
        ResolvedFeatureView view = view(source.toUri().toString(), "0");
        AtomicBoolean writing = new AtomicBoolean();
        RunListener stopsOnceWriting = new RunListener() {
            @Override
            public void phase(String description) {
                writing.compareAndSet(false, description.startsWith("writing"));
            }

            @Override
            public boolean stopRequested() {
                return writing.get();
            }
        };
        RunListener stopsAtOnce = new RunListener() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        };

        assertThatThrownBy(() -> materializer(10).materialize(view, NOW.minusSeconds(3600), NOW, stopsOnceWriting)).isInstanceOf(RunStoppedException.class);
        assertThatThrownBy(() -> materializer(10).materialize(view, NOW.minusSeconds(3600), NOW, stopsAtOnce)).isInstanceOf(RunStoppedException.class);
    }

    private ViewMaterializer materializer(int writeBatchSize) {
        return new ViewMaterializer(engine, online, new ViewMaterializer.Settings(writeBatchSize, 2, Duration.ofSeconds(10), null, 2));
    }

    private static ResolvedFeatureView view(String path, String ttl) {
        return ProjectRegistry.of(RegistrySnapshot.of("shop", 1, DefinitionDocuments.parse("""
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT32"}]}],
                 "data_sources": [{"name": "src", "type": "parquet", "path": "%s", "timestamp_field": "ts", "created_timestamp_column": "created",
                                   "field_mapping": {"id": "driver_id", "rate_raw": "rate"}}],
                 "feature_views": [{"name": "stats", "entities": ["driver"], "source": "src", "ttl": "%s",
                    "schema": [{"name": "rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}, {"name": "city", "dtype": "STRING"}]}]}"""
                .formatted(path, ttl)).document())).featureView("stats");
    }

    private static void write(Path file, List<Object[]> rows) {
        ParquetRowWriter.writeAll(new LocalObjectStore(), StorageUri.of(file), SOURCE, rows.stream().map(values -> Row.of(SOURCE, values)).toList(),
                ParquetWriteOptions.DEFAULTS);
    }

    private static Object[] row(int id, Instant event, Instant created, Float rate, Integer trips, String city) {
        return new Object[] {id, event, created, rate, trips, city};
    }

    /** Records by key with their expiry, newer-wins as the Redis store writes them; expired writes are counted, not kept. */
    private static final class InMemoryOnlineStore implements OnlineStore {
        private final Clock clock;
        private final Map<String, RecordWrite> records = new HashMap<>();

        InMemoryOnlineStore(Clock clock) {
            this.clock = clock;
        }

        OnlineRecord record(ResolvedFeatureView view, int driver) {
            RecordWrite write = records.get(key(view, driver));
            return write == null ? null : write.record();
        }

        Instant expiry(ResolvedFeatureView view, int driver) {
            return records.get(key(view, driver)).expireAt();
        }

        private static String key(ResolvedFeatureView view, int driver) {
            return OnlineKeys.recordKey(view.project(), view.name(), view.joinKeys(), List.of(driver));
        }

        @Override
        public synchronized CompletableFuture<List<OnlineRecord>> read(List<RecordRead> reads) {
            List<OnlineRecord> found = new ArrayList<>();
            reads.forEach(read -> found.add(records.containsKey(read.key()) ? records.get(read.key()).record() : null));
            return CompletableFuture.completedFuture(found);
        }

        @Override
        public synchronized CompletableFuture<WriteResult> write(List<RecordWrite> writes) {
            long written = 0;
            long unchanged = 0;
            long expired = 0;
            for (RecordWrite write : writes) {
                RecordWrite stored = records.get(write.key());
                if (write.expireAt() != null && !write.expireAt().isAfter(clock.instant())) {
                    expired++;
                } else if (stored != null && stored.record().supersedes(write.record())) {
                    unchanged++;
                } else {
                    records.put(write.key(), write);
                    written++;
                }
            }
            return CompletableFuture.completedFuture(new WriteResult(written, unchanged, expired));
        }

        @Override
        public CompletableFuture<Long> deleteProject(String project) {
            throw new UnsupportedOperationException("a pass deletes nothing");
        }

        @Override
        public void close() {
        }
    }
}
