package io.quiesce.service;

/** How a Windows service comes back after a restart of its server. */
public enum StartupType {
    /** Comes back RUNNING after a restart: a pause does not survive it. */
    AUTOMATIC,
    /** Stays OFFLINE after a restart until started by hand. */
    MANUAL,
    /** Stays OFFLINE and cannot be started until its startup type changes. */
    DISABLED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "automatic", "Manual", "DISABLED"; empty when the text names no startup type. */
    public static java.util.Optional<StartupType> parse(String text) {
        for (StartupType t : values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
