package dev.featurestore.onlinestore;

/**
 * What a {@link OnlineStore#write} did.
 *
 * @param written records stored
 * @param unchanged records not stored because the stored one's (event, created) timestamps are greater or equal
 * @param expired records not sent because their expiry had already passed
 */
public record WriteResult(long written, long unchanged, long expired) {
    public static final WriteResult NONE = new WriteResult(0, 0, 0);

    public WriteResult plus(WriteResult other) {
        return new WriteResult(written + other.written, unchanged + other.unchanged, expired + other.expired);
    }
}
