package io.quiesce.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes and repetitions, from system properties {@code quiesce.bench.KEY}. Every size has a full
 * default (the documented run) and a tiny one used when {@code quiesce.bench.smoke=true} (the
 * smoke test of the build). What was used is kept, for the report.
 */
final class Settings {
    static final String PREFIX = "quiesce.bench.";

    private final boolean smoke;
    private final List<String> used = new ArrayList<>();

    Settings(boolean smoke) {
        this.smoke = smoke;
    }

    static Settings fromSystemProperties() {
        return new Settings(Boolean.getBoolean(PREFIX + "smoke"));
    }

    boolean smoke() {
        return smoke;
    }

    /** {@code quiesce.bench.KEY}, else the full or the smoke default. */
    int integer(String key, int full, int tiny) {
        int value = Integer.getInteger(PREFIX + key, smoke ? tiny : full);
        used.add(key + "=" + value);
        return value;
    }

    String text(String key, String full, String tiny) {
        String value = System.getProperty(PREFIX + key, smoke ? tiny : full);
        used.add(key + "=" + value);
        return value;
    }

    Duration seconds(String key, double full, double tiny) {
        String text = System.getProperty(PREFIX + key);
        double value = text != null ? Double.parseDouble(text) : smoke ? tiny : full;
        used.add(key + "=" + value + "s");
        return Duration.ofMillis(Math.round(value * 1000));
    }

    /** Measured iterations of a benchmark: {@code KEY.iterations}, else {@code quiesce.bench.iterations}. */
    int iterations(String id, int full) {
        int general = Integer.getInteger(PREFIX + "iterations", smoke ? 1 : full);
        return integer(id + ".iterations", general, general);
    }

    /** Discarded warm-up iterations: {@code KEY.warmups}, else {@code quiesce.bench.warmups}. */
    int warmups(String id, int full) {
        int general = Integer.getInteger(PREFIX + "warmups", smoke ? 0 : full);
        return integer(id + ".warmups", general, general);
    }

    /** The settings read since the last call, as {@code key=value} pairs, and forget them. */
    String drainUsed() {
        String text = String.join(", ", used);
        used.clear();
        return text;
    }
}
