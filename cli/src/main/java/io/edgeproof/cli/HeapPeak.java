package io.edgeproof.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap over a stretch of work, from the JVM's own memory pools: {@link #start()} collects garbage and
 * resets every heap pool's peak, {@link #peakMegabytes()} sums the pools' peak usage since. The pools peak at
 * different moments and the young pools fill with garbage up to their size before a collection, so the sum is
 * an upper bound on the heap the work needed at once, not the live set; the JVM's -Xmx caps it.
 */
final class HeapPeak {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();

    static HeapPeak start() {
        HeapPeak peak = new HeapPeak();
        System.gc();
        peak.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return peak;
    }

    double peakMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean p : heapPools) {
            bytes += p.getPeakUsage().getUsed();
        }
        return Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0;
    }

    /** The JVM's maximum heap (-Xmx or its default), in MB: the ceiling of every peak this class reports. */
    static long maxHeapMegabytes() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
}
