package dev.featurestore.historical.domain.join;

import java.util.List;

/**
 * What a join did.
 *
 * @param entityRows entity rows read (and rows written)
 * @param views per view: source rows read, rows matched, partitions (1: in memory)
 */
public record JoinStatistics(long entityRows, List<ViewStatistics> views) {
    public JoinStatistics {
        views = List.copyOf(views);
    }

    public long sourceRowsRead() {
        return views.stream().mapToLong(ViewStatistics::sourceRowsRead).sum();
    }

    public boolean spilled() {
        return views.stream().anyMatch(view -> view.partitions() > 1);
    }

    /**
     * @param sourceRowsRead rows of the view's files inside the time range
     * @param rowsMatched entity rows that got a value row
     * @param partitions 1 when joined in memory, else the number of spilled partitions
     */
    public record ViewStatistics(String view, long sourceRowsRead, long rowsMatched, int partitions) {
    }
}
