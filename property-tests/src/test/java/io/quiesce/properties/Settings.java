package io.quiesce.properties;

import java.util.OptionalLong;

/**
 * Run sizes from system properties ({@code -Dquiesce.runs=...} on the Maven command line),
 * with defaults sized for CI.
 */
final class Settings {
    private Settings() {
    }

    static int integer(String name, int ciDefault) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return ciDefault;
        }
        int n = Integer.parseInt(value.trim());
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + n);
        }
        return n;
    }

    /** {@code -Dquiesce.seed=N}: run only the sequence of that seed, exactly as it ran before. */
    static OptionalLong seed() {
        return optionalLong("quiesce.seed");
    }

    /** {@code -Dquiesce.masterSeed=M}: draw the same sequences as a run that printed that master seed. */
    static OptionalLong masterSeed() {
        return optionalLong("quiesce.masterSeed");
    }

    private static OptionalLong optionalLong(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
    }
}
