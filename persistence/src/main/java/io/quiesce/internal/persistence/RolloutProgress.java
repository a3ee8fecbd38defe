package io.quiesce.internal.persistence;

import io.quiesce.rollout.RolloutState;

import java.time.Duration;

/** What a {@link RolloutRunner} tells as it goes, for a progress display. Implement what you need. */
public interface RolloutProgress {
    /** A step of a server is about to be taken (or taken up again after a resume). */
    default void stepStarted(RolloutState rollout, RolloutState.Next step) {
    }

    default void stepDone(RolloutState rollout, RolloutState.Next step, String note) {
    }

    /** Still waiting for a paused server to drain. */
    default void draining(String server, int sessions, Duration waited) {
    }

    /** The rollout completed or stopped. */
    default void ended(RolloutState rollout) {
    }
}
