package dev.featurestore.onlinestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.online.OnlineRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract on the in-memory store (every store of one test class shares one memory, as processes share a Redis). */
class InMemoryOnlineStoreTest extends AbstractOnlineStoreContractTest {
    private final InMemoryOnlineStore.Memory memory = new InMemoryOnlineStore.Memory();

    @Override
    protected Backend connect() {
        return new Backend(clock -> new InMemoryOnlineStore(memory, clock), () -> { });
    }

    @Test
    void aRecordReadsAsAbsentOnceTheStoresClockPassesItsExpiry() {
        Instant event = now().minusSeconds(60);
        Instant expireAt = OnlineExpiry.expireAt(event, Duration.ofMinutes(1), Duration.ofMinutes(1));
        try (OnlineStore store = store(Clock.fixed(now(), ZoneOffset.UTC))) {
            store.write(List.of(write("stats", 1, STATS, stats(event, null, 1.0), expireAt))).join();
        }
        try (OnlineStore before = store(Clock.fixed(expireAt.minusMillis(1), ZoneOffset.UTC));
                OnlineStore after = store(Clock.fixed(expireAt, ZoneOffset.UTC))) {
            assertThat(before.read(List.of(new RecordRead(key("stats", 1), STATS))).join()).extracting(OnlineRecord::eventTimestamp).containsExactly(event);
            assertThat(after.read(List.of(new RecordRead(key("stats", 1), STATS))).join()).containsOnlyNulls();
            // an expired record is replaced by any write, older or not
            assertThat(after.write(List.of(write("stats", 1, STATS, stats(event.minusSeconds(1), null, 2.0), null))).join().written()).isEqualTo(1);
        }
    }
}
