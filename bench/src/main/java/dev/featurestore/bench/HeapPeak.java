package dev.featurestore.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of a measured stretch, from a reset (after a full GC) at its start:
 *
 * <ul>
 *   <li>{@link #peakBytes()}: the sum of the heap pools' peak usage (eden, survivor, old), an upper bound of the
 *       heap in use at any one moment, garbage not yet collected included: what the JVM needed to be given;</li>
 *   <li>{@link #peakAfterCollectionBytes()}: the largest heap in use right after a collection (every young and
 *       full GC is heard), close to the peak of live data.</li>
 * </ul>
 */
final class HeapPeak {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private final Set<String> heapPoolNames = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakAfterCollection = new AtomicLong();

    HeapPeak() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPoolNames.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    peakAfterCollection.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    /** Collects garbage, then resets every heap pool's peak and the peak after collections. */
    void reset() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        peakAfterCollection.set(pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum());
    }

    /** Bytes: the sum of the heap pools' peaks since {@link #reset()}. */
    long peakBytes() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** Bytes: the largest heap in use after a collection since {@link #reset()}. */
    long peakAfterCollectionBytes() {
        return peakAfterCollection.get();
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
