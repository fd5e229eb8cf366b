package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineRecordCodec;
import dev.featurestore.contracts.online.OnlineSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The online store in this process's memory, for unit tests of the code that reads and writes it and for
 * embedding: the same contract as {@link RedisOnlineStore} (newer-wins, expiry, records kept as the codec's bytes
 * with their writers' schemas, so a reader with a grown schema reads an older record as Redis would). Records
 * expire on the store's clock. Several stores over one {@link Memory} behave like several processes over one Redis.
 * Calls complete before they return.
 */
public final class InMemoryOnlineStore implements OnlineStore {

    private final Memory memory;
    private final Clock clock;

    /** A store over a memory of its own. */
    public InMemoryOnlineStore(Clock clock) {
        this(new Memory(), clock);
    }

    /** A store over {@code memory}, which other stores may share. */
    public InMemoryOnlineStore(Memory memory, Clock clock) {
        this.memory = requireNonNull(memory, "memory is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What this store holds (to share it with another store). */
    public Memory memory() {
        return memory;
    }

    @Override
    public CompletableFuture<List<OnlineRecord>> read(List<RecordRead> reads) {
        requireNonNull(reads, "reads is null");
        Instant now = clock.instant();
        List<OnlineRecord> records = new ArrayList<>(reads.size());
        for (RecordRead read : reads) {
            Stored stored = memory.records.get(read.key());
            records.add(stored == null || stored.expiredAt(now) ? null : decode(read, stored.bytes()));
        }
        return CompletableFuture.completedFuture(records);
    }

    private OnlineRecord decode(RecordRead read, byte[] bytes) {
        long fingerprint = OnlineRecordCodec.fingerprint(bytes);
        if (fingerprint == read.schema().fingerprint()) {
            return OnlineRecordCodec.decode(bytes, read.schema());
        }
        OnlineSchema writer = memory.schemas.get(fingerprint);
        return writer == null ? null : OnlineRecordCodec.decode(bytes, writer, read.schema());
    }

    @Override
    public CompletableFuture<WriteResult> write(List<RecordWrite> writes) {
        requireNonNull(writes, "writes is null");
        Instant now = clock.instant();
        // encode everything first: a value that does not fit its schema fails the call before anything is written
        List<Stored> encoded = new ArrayList<>(writes.size());
        List<String> keys = new ArrayList<>(writes.size());
        long expired = 0;
        for (RecordWrite write : writes) {
            if (write.expireAt() != null && !write.expireAt().isAfter(now)) {
                expired++;
                continue;
            }
            OnlineRecord record = write.record();
            // compared to the microsecond, as the codec keeps them
            Instant created = record.createdTimestamp() == null ? null : record.createdTimestamp().truncatedTo(ChronoUnit.MICROS);
            encoded.add(new Stored(OnlineRecordCodec.encode(write.schema(), record), record.eventTimestamp().truncatedTo(ChronoUnit.MICROS), created,
                    write.expireAt()));
            keys.add(write.key());
        }
        for (RecordWrite write : writes) {
            memory.schemas.putIfAbsent(write.schema().fingerprint(), write.schema());
        }
        long written = 0;
        for (int index = 0; index < encoded.size(); index++) {
            Stored candidate = encoded.get(index);
            boolean[] replaced = {false};
            memory.records.compute(keys.get(index), (key, stored) -> {
                if (stored == null || stored.expiredAt(now) || candidate.isNewerThan(stored)) {
                    replaced[0] = true;
                    return candidate;
                }
                return stored;
            });
            written += replaced[0] ? 1 : 0;
        }
        return CompletableFuture.completedFuture(new WriteResult(written, encoded.size() - written, expired));
    }

    @Override
    public CompletableFuture<Long> deleteProject(String project) {
        requireNonNull(project, "project is null");
        CompletableFuture<Long> rejected = ProjectPattern.rejected(project);
        if (rejected != null) {
            return rejected;
        }
        // the keys RedisOnlineStore deletes: fs:<project>:<view>:{<entity>}
        Pattern keys = Pattern.compile("fs:" + Pattern.quote(project) + ":[^:]+:\\{.*}");
        long deleted = 0;
        for (String key : List.copyOf(memory.records.keySet())) {
            if (keys.matcher(key).matches() && memory.records.remove(key) != null) {
                deleted++;
            }
        }
        return CompletableFuture.completedFuture(deleted);
    }

    @Override
    public void close() {
        // nothing to release: the memory stays for the stores that share it
    }

    /** Records by key and writers' schemas by fingerprint, as one Redis holds them; thread-safe. */
    public static final class Memory {
        private final ConcurrentMap<String, Stored> records = new ConcurrentHashMap<>();
        private final ConcurrentMap<Long, OnlineSchema> schemas = new ConcurrentHashMap<>();
    }

    /** A record as stored: the codec's bytes, the timestamps newer-wins compares, and when it expires (null: never). */
    private record Stored(byte[] bytes, Instant event, Instant created, Instant expireAt) {
        boolean expiredAt(Instant now) {
            return expireAt != null && !expireAt.isAfter(now);
        }

        /** Newer-wins: a greater event timestamp, or the same one with a greater created timestamp (none is the least). */
        boolean isNewerThan(Stored stored) {
            int byEvent = event.compareTo(stored.event);
            if (byEvent != 0) {
                return byEvent > 0;
            }
            return created != null && (stored.created == null || created.isAfter(stored.created));
        }
    }
}
