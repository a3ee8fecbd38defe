package io.quiesce.service;

/** Why a session was cut off instead of ending naturally. */
public enum InterruptionCause {
    /** The service was stopped by force while the session was on it. */
    FORCED_STOP,
    /** The pause deadline an administrator set passed before the session ended. */
    DRAIN_DEADLINE,
    /** The server restarted (forced) while the session was on it. */
    RESTART
}
