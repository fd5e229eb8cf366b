package dev.featurestore.offlinestore;

/** What a scan did: objects opened, row groups read and skipped by their statistics, rows delivered. */
public record ScanStatistics(int files, int rowGroupsRead, int rowGroupsSkipped, long rows) {
    public static final ScanStatistics EMPTY = new ScanStatistics(0, 0, 0, 0);

    public ScanStatistics plus(ScanStatistics other) {
        return new ScanStatistics(files + other.files, rowGroupsRead + other.rowGroupsRead,
                rowGroupsSkipped + other.rowGroupsSkipped, rows + other.rows);
    }
}
