package dev.featurestore.onlinestore;

import dev.featurestore.contracts.online.OnlineRecordCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua script that writes records, each only when the stored one's (event, created) timestamps are smaller: every
 * compare and its write are one atomic step inside Redis, and the records of one call are handled in their order (so
 * two records of one key in a call end as two calls in that order would). Timestamps are read at the codec's offsets
 * as a signed high and an unsigned low 32-bit half each, so the comparison is exact in Lua's doubles.
 * {@code KEYS[i]}: the record keys (on a Redis Cluster all of one slot); {@code ARGV[2i - 1]}: the encoded record of
 * {@code KEYS[i]}; {@code ARGV[2i]}: its expiry in epoch milliseconds ({@code SET ... PXAT}, Redis 6.2+), or
 * {@code 0} for none. Answers one integer per key, in order: 1 when written, 0 when left unchanged.
 */
final class NewerWinsScript {
    static final String SOURCE = """
            local results = {}
            for index = 1, #KEYS do
              local key = KEYS[index]
              local record = ARGV[2 * index - 1]
              local expireAt = ARGV[2 * index]
              local newer = 1
              local current = redis.call('GET', key)
              if current and string.len(current) >= %d then
                local ceh, cel, cch, ccl = struct.unpack('>i4I4i4I4', current, %d)
                local neh, nel, nch, ncl = struct.unpack('>i4I4i4I4', record, %d)
                if ceh > neh or (ceh == neh and (cel > nel or (cel == nel and (cch > nch or (cch == nch and ccl >= ncl))))) then
                  newer = 0
                end
              end
              if newer == 1 then
                if expireAt ~= '0' then
                  redis.call('SET', key, record, 'PXAT', expireAt)
                else
                  redis.call('SET', key, record)
                end
              end
              results[index] = newer
            end
            return results
            """.formatted(OnlineRecordCodec.HEADER_SIZE, OnlineRecordCodec.EVENT_TIMESTAMP_OFFSET + 1,
            OnlineRecordCodec.EVENT_TIMESTAMP_OFFSET + 1);
    static final String SHA1 = sha1(SOURCE);

    private NewerWinsScript() {
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
