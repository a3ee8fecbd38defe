package io.quiesce.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB memory, %s %s (%s), %s %s %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory / (double) (1L << 30),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    static String jvm() {
        String args = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Dquiesce.bench.")).collect(Collectors.toList()));
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "max heap %d MiB, collectors %s%s", Runtime.getRuntime().maxMemory() >> 20,
                gc, args.isEmpty() ? "" : ", options `" + args + "`");
    }

    /**
     * Writes out what the OS holds for the disk ({@code sync}), so that the writes a benchmark left
     * do not compete with the fsyncs of what is timed next; nothing where there is no {@code sync}.
     */
    static void flushWrites() {
        try {
            new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            // No sync command: the figures are as noisy as before.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", one);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu unknown");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
