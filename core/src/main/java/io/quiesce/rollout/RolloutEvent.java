package io.quiesce.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rollout recorded. Folded in order by {@link RolloutState#evolve}; the record names are
 * the stable type names of the journal and of history files. {@code number} counts the rollouts
 * of a pool from 1.
 */
public sealed interface RolloutEvent {
    Instant at();

    String pool();

    int number();

    /**
     * A rollout began, by {@code by} for {@code reason}, with this schedule; {@code before} is each
     * server as found, to put its startup types back.
     */
    record RolloutStarted(Instant at, String pool, int number, RolloutOptions options, List<List<String>> batches,
                          Map<String, ServerBefore> before, String by, String reason) implements RolloutEvent {
        public RolloutStarted {
            batches = batches.stream().map(List::copyOf).toList();
            before = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(before));
        }
    }

    /** A step of one server began; for the patch step, before its command runs. */
    record StepStarted(Instant at, String pool, int number, String server, RolloutStep step) implements RolloutEvent {
    }

    /** A step of one server is done; {@code note} says what it found or did. */
    record StepDone(Instant at, String pool, int number, String server, RolloutStep step, String note)
            implements RolloutEvent {
    }

    /** The drain timeout of a server passed with sessions left; {@code then} is what the rollout does. */
    record DrainTimedOut(Instant at, String pool, int number, String server, OnTimeout then) implements RolloutEvent {
    }

    /** The patch command of a server ended: exit code, the last lines it printed, how long it ran. */
    record PatchFinished(Instant at, String pool, int number, String server, int exitCode, String outputTail,
                         Duration duration) implements RolloutEvent {
    }

    /** A rollout whose process stopped was taken up again. */
    record RolloutResumed(Instant at, String pool, int number, String by, boolean rerunUnfinished)
            implements RolloutEvent {
    }

    /** An administrator asked to stop after the current step. */
    record AbortRequested(Instant at, String pool, int number, String by, String reason) implements RolloutEvent {
    }

    /** The rollout stopped before the end: why, and the state each server was left in. */
    record RolloutAborted(Instant at, String pool, int number, String code, String message,
                          Map<String, SafeState> left) implements RolloutEvent {
        public RolloutAborted {
            left = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(left));
        }
    }

    /** Every server went through every step. */
    record RolloutCompleted(Instant at, String pool, int number) implements RolloutEvent {
    }
}
