package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.StorageUri;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param statistics as for {@link OfflineEngine#retrieve}
 * @param parts the part files, in row order (one empty part when there were no rows)
 */
public record ExportResult(RetrievalStatistics statistics, List<StorageUri> parts) {
    public ExportResult {
        requireNonNull(statistics, "statistics is null");
        parts = List.copyOf(requireNonNull(parts, "parts is null"));
    }
}
