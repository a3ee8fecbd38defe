package io.quiesce.rollout;

/** Where a pool's latest rollout stands. */
public enum RolloutStatus {
    /** The pool has never been rolled. */
    NONE,
    /** Started and not ended: running, or waiting for {@code rollout resume} after its process stopped. */
    IN_PROGRESS,
    COMPLETED,
    ABORTED
}
