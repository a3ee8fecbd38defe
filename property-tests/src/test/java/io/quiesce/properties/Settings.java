package io.quiesce.properties;

/**
 * Run sizes from system properties ({@code -Dquiesce.runs=...} on the Maven command line),
 * with defaults sized for CI. The seeds are the harness's ({@code Seeds}).
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
}
