package dev.featurestore.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap of a measured stretch: the heap pools' peak usage, reset (after a full GC) at the start. The sum of
 * the pools' peaks (eden, survivor, old) is an upper bound of the heap in use at any one moment.
 */
final class HeapPeak {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();

    /** Collects garbage, then resets every heap pool's peak. */
    void reset() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Bytes: the sum of the heap pools' peaks since {@link #reset()}. */
    long peakBytes() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
