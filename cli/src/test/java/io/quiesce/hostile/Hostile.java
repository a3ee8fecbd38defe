package io.quiesce.hostile;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Seed and size of a run of generated hostile inputs. Each run draws a new seed and prints it;
 * {@code -Dquiesce.seed=N} repeats a run input for input, {@code -Dquiesce.hostile=N} sizes it.
 */
enum Hostile {
    /** Half of the inputs: a catalog takes microseconds. */
    CATALOGS("catalogs", 2),
    /** A quarter: each line builds the whole command line, some milliseconds. */
    COMMAND_LINES("command lines", 1),
    /** A quarter: a replay takes some milliseconds. */
    HISTORIES("histories", 1);

    /** Inputs of the three kinds together by default: the 10,000 that issue 8 asks of CI. */
    static final int DEFAULT_TOTAL = 10_000;
    private static final int SHARES = 4;

    private final String label;
    private final int shares;

    Hostile(String label, int shares) {
        this.label = label;
        this.shares = shares;
    }

    static int total() {
        return Integer.getInteger("quiesce.hostile", DEFAULT_TOTAL);
    }

    /** Inputs of this kind in this run. */
    int count() {
        return total() * shares / SHARES;
    }

    /** The run's seed, printed so that a failure can be repeated. */
    long seed() {
        Long given = Long.getLong("quiesce.seed");
        long seed = given != null ? given : new SplittableRandom().nextLong();
        System.out.println(label + ": seed " + seed + " (repeat with -Dquiesce.seed=" + seed + "), " + count()
                + " inputs (-Dquiesce.hostile=" + total() + " in all)");
        return seed;
    }

    /** Says which input failed and how to get it again. */
    String where(long seed, int index) {
        return label + " input #" + index + " of seed " + seed + " (-Dquiesce.seed=" + seed + " -Dquiesce.hostile="
                + total() + ")";
    }

    /** Wall and CPU time since {@code startNanos}, CPU counted for the whole JVM (Pekko's threads too). */
    static String took(long startNanos, long startCpuNanos) {
        return String.format("%.1f s, %.1f s of CPU", (System.nanoTime() - startNanos) / 1e9,
                (cpuNanos() - startCpuNanos) / 1e9);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
