package dev.featurestore.onlinestore;

import dev.featurestore.contracts.online.OnlineRecordCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua script that writes a record only when the stored one's (event, created) timestamps are smaller: the
 * compare and the write are one atomic step inside Redis. Timestamps are read at the codec's offsets as a signed
 * high and an unsigned low 32-bit half each, so the comparison is exact in Lua's doubles. {@code KEYS[1]}: the
 * record key; {@code ARGV[1]}: the encoded record; {@code ARGV[2]}: expiry in epoch milliseconds ({@code SET ...
 * PXAT}, Redis 6.2+), or {@code 0} for none. Answers 1 when written, 0 when left unchanged.
 */
final class NewerWinsScript {
    static final String SOURCE = """
            local current = redis.call('GET', KEYS[1])
            if current and string.len(current) >= %d then
              local ceh, cel, cch, ccl = struct.unpack('>i4I4i4I4', current, %d)
              local neh, nel, nch, ncl = struct.unpack('>i4I4i4I4', ARGV[1], %d)
              if ceh > neh or (ceh == neh and (cel > nel or (cel == nel and (cch > nch or (cch == nch and ccl >= ncl))))) then
                return 0
              end
            end
            if ARGV[2] ~= '0' then
              redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
            else
              redis.call('SET', KEYS[1], ARGV[1])
            end
            return 1
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
