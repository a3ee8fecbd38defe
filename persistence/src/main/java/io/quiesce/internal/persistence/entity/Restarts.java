package io.quiesce.internal.persistence.entity;

import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.EventRejectedException;

import java.time.Duration;

/**
 * An entity whose write fails (the journal could not store it) or is rejected (the journal would
 * not take the entry) restarts and reads its journal again, after a pause. Left to Pekko's default,
 * a rejection stops the entity for good, and with it every later command and recovery.
 */
final class Restarts {
    static final BackoffSupervisorStrategy AFTER_A_PAUSE =
            SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);

    private Restarts() {
    }

    static <T> Behavior<T> onRejection(Behavior<T> entity) {
        return Behaviors.supervise(entity).onFailure(EventRejectedException.class, AFTER_A_PAUSE);
    }
}
