package io.quiesce.history;

/** What a replay points out in an incident. */
public enum FindingCode {
    /** A paused service with AUTOMATIC startup came back RUNNING after a restart. */
    PAUSE_CLEARED_BY_RESTART,
    /**
     * Sessions of a feature that needs DNS load balancing were interrupted after landing on a
     * paused service, which they did only because the pool does not use it.
     */
    INTERRUPTED_WITHOUT_DNS_LB,
    /** The pool was left with no RUNNING instance of a service. */
    NO_RUNNING_INSTANCE,
    /** Fewer servers of the pool were up than its quorum. */
    QUORUM_LOST,
    /** A paused service was taken offline or restarted before its sessions had ended. */
    DRAIN_INCOMPLETE,
    /** Sessions were interrupted by a forced stop or restart. */
    FORCED_INTERRUPTION
}
