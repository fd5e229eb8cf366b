package dev.featurestore.offlinestore;

/**
 * What a scan did: objects read, objects skipped by partition pruning, row groups read and skipped by
 * their statistics, rows delivered.
 */
public record ScanStatistics(int files, int filesSkipped, int rowGroupsRead, int rowGroupsSkipped, long rows) {
    public static final ScanStatistics EMPTY = new ScanStatistics(0, 0, 0, 0, 0);

    public ScanStatistics plus(ScanStatistics other) {
        return new ScanStatistics(files + other.files, filesSkipped + other.filesSkipped, rowGroupsRead + other.rowGroupsRead,
                rowGroupsSkipped + other.rowGroupsSkipped, rows + other.rows);
    }
}
