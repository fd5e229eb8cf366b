package dev.featurestore.serving.domain;

import java.util.List;
import java.util.Optional;

/**
 * What a push wrote.
 *
 * @param rows rows pushed
 * @param featureViews the feature views written online (those whose source is the push source)
 * @param onlineWritten records stored online (one per row and view)
 * @param onlineUnchanged records not stored because the online one was as new or newer
 * @param onlineExpired records not stored because they were already past their ttl and retention
 * @param offlineObject the Parquet object added to the batch source, when written offline
 */
public record PushResult(long rows, List<String> featureViews, long onlineWritten, long onlineUnchanged, long onlineExpired,
        Optional<String> offlineObject) {
    public PushResult {
        featureViews = List.copyOf(featureViews);
    }
}
