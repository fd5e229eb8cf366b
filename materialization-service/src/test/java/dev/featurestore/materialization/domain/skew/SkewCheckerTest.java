package dev.featurestore.materialization.domain.skew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.events.SkewCheck;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.ResolvedFeatureView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SkewCheckerTest {
    private static final Instant END = Instant.parse("2026-11-21T12:00:00Z");
    private static final ResolvedFeatureView VIEW = ProjectRegistry.of(RegistrySnapshot.of("shop", 1, DefinitionDocuments.parse("""
            {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
             "data_sources": [{"name": "src", "type": "parquet", "path": "s3://bucket/x/", "timestamp_field": "ts"}],
             "feature_views": [{"name": "stats", "entities": ["driver"], "source": "src", "ttl": "1d",
                "schema": [{"name": "rate", "dtype": "FLOAT64"}, {"name": "score", "dtype": "FLOAT32"}, {"name": "trips", "dtype": "INT64"},
                           {"name": "city", "dtype": "STRING"}, {"name": "seen", "dtype": "UNIX_TIMESTAMP"}]}]}""").document()))
            .featureView("stats");

    private final TestingOnlineStore online = new TestingOnlineStore();
    private final TestingPointInTimeSource offline = new TestingPointInTimeSource();
    private final SkewChecker checker = new SkewChecker(online, offline, Duration.ofSeconds(5));

    @Test
    void passesWhenTheServedValuesAreThePointInTimeValuesWhateverTheirJsonForm() {
        online.put(1, END.minusSeconds(60), 0.1, 0.25f, 7L, "berlin", END.minusSeconds(3600));
        offline.put(1, 0.1, 0.25, 7, "berlin", END.minusSeconds(3600).toString());

        SkewCheck check = checker.check(VIEW, entities(1), END);

        assertThat(check.state()).isEqualTo("passed");
        assertThat(check.sampled()).isEqualTo(1);
        assertThat(check.mismatches()).isZero();
    }

    @Test
    void failsNamingTheEntityFeatureAndBothValuesOfAMismatch() {
        online.put(1, END.minusSeconds(60), 0.1, 0.25f, 7L, "berlin", null);
        offline.put(1, 0.1, 0.25, 8, "berlin", null);
        online.put(2, END.minusSeconds(60), 0.2, 0.5f, 1L, "paris", null);
        offline.put(2, 0.2, 0.5, 1, "paris", null);

        SkewCheck check = checker.check(VIEW, entities(1, 2), END);

        assertThat(check.state()).isEqualTo("failed");
        assertThat(check.sampled()).isEqualTo(2);
        assertThat(check.mismatches()).isEqualTo(1);
        assertThat(check.examples()).containsExactly(new SkewCheck.Mismatch(Map.of("driver_id", 1L), "trips", 7L, 8L));
    }

    @Test
    void leavesOutEntitiesWrittenSinceTheRunAndCountsValuesPastTheTtlAsNull() {
        online.put(1, END.plusSeconds(1), 9.9, 9.9f, 9L, "later", null);
        offline.put(1, 0.1, 0.25, 7, "berlin", null);
        online.put(2, END.minus(Duration.ofDays(2)), 0.2, 0.5f, 1L, "paris", null);
        offline.put(2, null, null, null, null, null);

        SkewCheck check = checker.check(VIEW, entities(1, 2), END);

        assertThat(check.state()).isEqualTo("passed");
        assertThat(check.sampled()).isEqualTo(1);
    }

    @Test
    void anEntityMissingOnlineButPresentOfflineIsAMismatch() {
        offline.put(3, 0.3, 0.5, 3, "rome", null);

        SkewCheck check = checker.check(VIEW, entities(3), END);

        assertThat(check.state()).isEqualTo("failed");
        assertThat(check.mismatches()).isEqualTo(4);
    }

    @Test
    void isSkippedWithTheReasonWhenThePointInTimeValuesCannotBeHad() {
        online.put(1, END.minusSeconds(60), 0.1, 0.25f, 7L, "berlin", null);
        offline.unavailable = true;

        SkewCheck check = checker.check(VIEW, entities(1), END);

        assertThat(check.state()).isEqualTo("skipped");
        assertThat(check.reason()).contains("historical-service is down");
        assertThat(checker.check(VIEW, List.of(), END).reason()).contains("no entity");
    }

    private static List<Object[]> entities(long... drivers) {
        List<Object[]> entities = new ArrayList<>();
        for (long driver : drivers) {
            entities.add(new Object[] {driver});
        }
        return entities;
    }

    private static String key(long driver) {
        return OnlineKeys.recordKey("shop", "stats", VIEW.joinKeys(), List.of(driver));
    }

    /** Records by key, read back as stored. */
    private static final class TestingOnlineStore implements OnlineStore {
        private final Map<String, OnlineRecord> records = new HashMap<>();

        void put(long driver, Instant event, Object... values) {
            records.put(key(driver), new OnlineRecord(event, null, Arrays.asList(values)));
        }

        @Override
        public CompletableFuture<List<OnlineRecord>> read(List<RecordRead> reads) {
            List<OnlineRecord> found = new ArrayList<>();
            reads.forEach(read -> found.add(records.get(read.key())));
            return CompletableFuture.completedFuture(found);
        }

        @Override
        public CompletableFuture<WriteResult> write(List<RecordWrite> writes) {
            throw new UnsupportedOperationException("the skew check only reads");
        }

        @Override
        public CompletableFuture<Long> deleteProject(String project) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    /** JSON values per driver, as historical-service would answer them. */
    private static final class TestingPointInTimeSource implements PointInTimeSource {
        private final Map<Long, List<Object>> values = new HashMap<>();
        private boolean unavailable;

        void put(long driver, Object... row) {
            values.put(driver, Arrays.asList(row));
        }

        @Override
        public List<List<Object>> values(String project, String featureView, List<String> features, List<String> keyNames, List<Object[]> entities,
                Instant at) {
            if (unavailable) {
                throw new PointInTimeUnavailableException("historical-service is down", null);
            }
            assertThat(at).isEqualTo(END);
            assertThat(features).containsExactly("rate", "score", "trips", "city", "seen");
            return entities.stream().map(entity -> values.getOrDefault((Long) entity[0], Arrays.asList(null, null, null, null, null))).toList();
        }
    }
}
