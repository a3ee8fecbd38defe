package io.quiesce.rules;

/** Stable codes of warnings: the command goes ahead, but the operator should know. */
public enum WarningCode {
    /** A restart brings paused AUTOMATIC services back RUNNING (rule 9). */
    PAUSE_CLEARED_BY_RESTART,
    /** A paused or stopped service hosts features that need DNS load balancing the pool lacks (rule 14). */
    DNS_LB_NOT_REROUTED,
    /** Force overrode a guard that would have refused the command. */
    GUARD_OVERRIDDEN,
    /** Force interrupted sessions. */
    SESSIONS_INTERRUPTED
}
