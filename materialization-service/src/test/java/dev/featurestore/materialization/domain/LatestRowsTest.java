package dev.featurestore.materialization.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestRowsTest {
    private static final List<JoinKey> KEYS = List.of(new JoinKey("driver_id", ValueType.INT64), new JoinKey("city", ValueType.STRING));
    private static final List<Field> FEATURES = List.of(field("conv_rate", ValueType.FLOAT64), field("label", ValueType.STRING),
            field("embedding", ValueType.FLOAT32_LIST));
    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path spill;

    @Test
    void keepsTheGreatestEventThenCreatedTimestampAndTheFirstOfEqualRows() {
        try (LatestRows rows = new LatestRows(KEYS, FEATURES, Long.MAX_VALUE, spill, 4)) {
            offer(rows, 1, BASE.plusSeconds(10), null, 0.1);
            offer(rows, 1, BASE.plusSeconds(20), null, 0.2);
            offer(rows, 1, BASE.plusSeconds(15), BASE.plusSeconds(99), 0.3);
            offer(rows, 2, BASE, BASE.plusSeconds(1), 0.4);
            offer(rows, 2, BASE, null, 0.5);
            offer(rows, 2, BASE, BASE.plusSeconds(2), 0.6);
            offer(rows, 3, BASE, null, 0.7);
            offer(rows, 3, BASE, null, 0.8);

            assertThat(latestConv(rows)).isEqualTo(Map.of(1L, 0.2, 2L, 0.6, 3L, 0.7));
            assertThat(rows.spilled()).isFalse();
        }
    }

    @Test
    void aTinyBudgetSpillsAndGivesTheSameLatestRowsAsMemory() throws IOException {
        Random random = new Random(7);
        List<Object[]> offers = new ArrayList<>();
        for (int index = 0; index < 20_000; index++) {
            long driver = random.nextInt(3_000);
            Instant event = BASE.plusSeconds(random.nextInt(50));
            Instant created = random.nextBoolean() ? null : BASE.plusSeconds(random.nextInt(5));
            offers.add(new Object[] {driver, event, created, (double) index});
        }
        Map<Long, Object[]> inMemory;
        Map<Long, Object[]> spilled;
        try (LatestRows memory = new LatestRows(KEYS, FEATURES, Long.MAX_VALUE, spill, 8)) {
            offers.forEach(offer -> offer(memory, (Long) offer[0], (Instant) offer[1], (Instant) offer[2], (Double) offer[3]));
            inMemory = collect(memory);
        }
        try (LatestRows tiny = new LatestRows(KEYS, FEATURES, 10_000, spill, 8)) {
            offers.forEach(offer -> offer(tiny, (Long) offer[0], (Instant) offer[1], (Instant) offer[2], (Double) offer[3]));
            assertThat(tiny.spilled()).isTrue();
            spilled = collect(tiny);
        }

        assertThat(spilled).hasSize(inMemory.size());
        inMemory.forEach((driver, row) -> assertThat(spilled.get(driver)).as("driver %d", driver).containsExactly(row));
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).as("spill files left").isEmpty();
        }
    }

    private static void offer(LatestRows rows, long driver, Instant event, Instant created, double conv) {
        Object[] keys = {driver, "city-" + (driver % 7)};
        String key = "fs:test:view:{driver_id=%d,city=%s}".formatted(driver, keys[1]);
        rows.offer(key, keys, event, created, new Object[] {conv, conv > 0.5 ? null : "label-" + driver, List.of(1.5f, (float) conv)});
    }

    private static Map<Long, Double> latestConv(LatestRows rows) {
        Map<Long, Double> latest = new HashMap<>();
        rows.forEach(row -> latest.put((Long) row.keyValues()[0], (Double) row.values()[0]));
        return latest;
    }

    private static Map<Long, Object[]> collect(LatestRows rows) {
        Map<Long, Object[]> latest = new HashMap<>();
        rows.forEach(row -> {
            List<Object> all = new ArrayList<>(Arrays.asList(row.keyValues()));
            all.add(row.event());
            all.add(row.created());
            all.addAll(Arrays.asList(row.values()));
            assertThat(latest.put((Long) row.keyValues()[0], all.toArray())).as("entity handed over once").isNull();
        });
        return latest;
    }

    private static Field field(String name, ValueType type) {
        return new Field(name, type, null, null);
    }

    @Test
    void everyTypeComesBackAsItWasOfferedWithItsNulls() {
        List<Field> features = List.of(field("flag", ValueType.BOOL), field("small", ValueType.INT32), field("big", ValueType.INT64),
                field("score", ValueType.FLOAT32), field("rate", ValueType.FLOAT64), field("name", ValueType.STRING), field("blob", ValueType.BYTES),
                field("seen", ValueType.UNIX_TIMESTAMP), field("ids", ValueType.INT64_LIST));
        Object[] full = {true, 7, 8L, 0.1f, 0.2, "x", new byte[] {1, 2}, Instant.parse("2026-11-01T10:00:00.123456Z"), List.of(1L, 2L)};
        Object[] empty = new Object[features.size()];
        try (LatestRows rows = new LatestRows(List.of(new JoinKey("id", ValueType.INT32)), features, Long.MAX_VALUE, spill, 2)) {
            rows.offer("k1", new Object[] {1}, BASE, null, full);
            rows.offer("k2", new Object[] {2}, BASE, BASE, empty);
            Map<String, LatestRows.Latest> back = new HashMap<>();
            rows.forEach(row -> back.put(row.key(), row));

            assertThat(back.get("k1").values()).usingRecursiveFieldByFieldElementComparator().containsExactly(full);
            assertThat(back.get("k1").values()[1]).isInstanceOf(Integer.class).isEqualTo(7);
            assertThat(back.get("k1").values()[3]).isInstanceOf(Float.class).isEqualTo(0.1f);
            assertThat((byte[]) back.get("k1").values()[6]).containsExactly(1, 2);
            assertThat(back.get("k1").values()[7]).isEqualTo(Instant.parse("2026-11-01T10:00:00.123456Z"));
            assertThat(back.get("k1").keyValues()).containsExactly(1);
            assertThat(back.get("k1").created()).isNull();
            assertThat(back.get("k2").values()).containsOnlyNulls();
            assertThat(back.get("k2").created()).isEqualTo(BASE);
        }
    }
}
