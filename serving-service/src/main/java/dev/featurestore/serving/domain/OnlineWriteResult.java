package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

/**
 * What a write of rows to a feature view stored online.
 *
 * @param rows rows written
 * @param featureView the feature view
 * @param written records stored
 * @param unchanged records not stored: the stored one was as new or newer
 * @param expired records not stored: already past their ttl and retention
 */
public record OnlineWriteResult(long rows, String featureView, long written, long unchanged, long expired) {
    public OnlineWriteResult {
        requireNonNull(featureView, "featureView is null");
    }
}
