package io.quiesce.cli;

import io.quiesce.service.ServiceStatus;

/** What {@code wait --for} waits for, every service addressed being in one of its states. */
enum WaitCondition {
    /** Paused with no session left, or already stopped: nothing to cut off. */
    DRAINED,
    OFFLINE,
    RUNNING;

    boolean holdsFor(ServiceStatus status) {
        return switch (this) {
            case DRAINED -> status == ServiceStatus.DRAINED || status == ServiceStatus.OFFLINE;
            case OFFLINE -> status == ServiceStatus.OFFLINE;
            case RUNNING -> status == ServiceStatus.RUNNING;
        };
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
