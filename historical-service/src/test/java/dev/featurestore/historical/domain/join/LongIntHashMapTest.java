package dev.featurestore.historical.domain.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongIntHashMapTest {
    /** Sparse keys keep the hash table when frozen; dense keys (a span of 2x their count) get the direct table: both answer alike. */
    @ParameterizedTest
    @ValueSource(longs = {2, 1L << 40})
    void agreesWithHashMapBeforeAndAfterFreezing(long span) {
        Random random = new Random(span);
        LongIntHashMap map = new LongIntHashMap(4);
        Map<Long, Integer> expected = new HashMap<>();
        for (int index = 0; index < 50_000; index++) {
            long key = -1000 + Math.floorMod(random.nextLong(), span * 50_000);
            int value = map.putIfAbsent(key, map.size());
            assertThat(value).isEqualTo(expected.computeIfAbsent(key, ignored -> expected.size()));
        }
        long[] probes = random.longs(20_000, -2000, span * 50_000 + 1000).toArray();
        for (long probe : probes) {
            assertThat(map.get(probe)).isEqualTo(expected.getOrDefault(probe, -1));
        }
        map.freeze();
        for (long probe : probes) {
            assertThat(map.get(probe)).isEqualTo(expected.getOrDefault(probe, -1));
        }
        expected.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        assertThat(map.get(Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(map.get(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
