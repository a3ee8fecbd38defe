package io.quiesce.service;

/** The state of one Windows service (docs/behaviour.md). */
public enum ServiceStatus {
    /** Started and accepting new connections. */
    RUNNING,
    /** Paused: takes no new connection; existing sessions continue until they end. */
    PAUSING,
    /** Paused with no session left: ready to be taken offline. */
    DRAINED,
    /** Stopped: no session, accepts nothing. */
    OFFLINE;

    public boolean isPaused() {
        return this == PAUSING || this == DRAINED;
    }

    /** The name an operator reads, e.g. "running". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
