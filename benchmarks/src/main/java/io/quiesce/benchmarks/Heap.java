package io.quiesce.benchmarks;

import java.lang.management.ManagementFactory;

/** Heap in use after collecting garbage, as well as the JVM lets us know it. */
final class Heap {
    private Heap() {
    }

    static long usedAfterGc() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            sleep(100);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            // Stop once a further collection frees (almost) nothing.
            if (i >= 2 && Math.abs(last - used) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
