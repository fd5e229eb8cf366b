package dev.featurestore.offlineengine;

import java.util.List;

/**
 * What a retrieval did.
 *
 * @param entityRows entity rows read (and rows written)
 * @param views per view, in the retrieval's order
 */
public record RetrievalStatistics(long entityRows, List<ViewStatistics> views) {
    public RetrievalStatistics {
        views = List.copyOf(views);
    }

    /** Source rows read, summed over the views. */
    public long sourceRowsRead() {
        return views.stream().mapToLong(ViewStatistics::sourceRowsRead).sum();
    }

    /**
     * @param sourceRowsRead source rows the engine scanned (after pruning by partition, time and statistics)
     * @param matched entity rows that found a source row
     * @param sourceObjects source objects read
     */
    public record ViewStatistics(String view, long sourceRowsRead, long matched, int sourceObjects) {
    }
}
