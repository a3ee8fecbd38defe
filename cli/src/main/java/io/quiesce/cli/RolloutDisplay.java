package io.quiesce.cli;

import io.quiesce.internal.persistence.RolloutProgress;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStep;

import java.io.PrintStream;
import java.time.Duration;

/** The progress of a rollout in the foreground, one line per step on stderr (stdout keeps the result). */
final class RolloutDisplay implements RolloutProgress {
    /** A draining server is reported at most this often, in the rollout clock's time. */
    private static final Duration EVERY = Duration.ofSeconds(15);

    private final PrintStream err;
    private Duration lastShown;

    RolloutDisplay(PrintStream err) {
        this.err = err;
    }

    /** Only the steps that take time say they began: the wait for a drain and the patch step. */
    @Override
    public void stepStarted(RolloutState rollout, RolloutState.Next step) {
        if (step.step() != RolloutStep.DRAIN && step.step() != RolloutStep.PATCH) {
            return;
        }
        err.println("[batch " + (rollout.at().batch() + 1) + "/" + rollout.batches().size() + "] " + step.server()
                + ": " + step.step().words() + " ...");
        lastShown = null;
    }

    @Override
    public void stepDone(RolloutState rollout, RolloutState.Next step, String note) {
        err.println("[batch " + (rollout.at().batch() + 1) + "/" + rollout.batches().size() + "] " + step.server()
                + ": " + step.step().words() + ": " + note);
    }

    @Override
    public void draining(String server, int sessions, Duration waited) {
        if (lastShown == null || waited.minus(lastShown).compareTo(EVERY) >= 0) {
            err.println("    " + server + ": " + Words.count(sessions, "session") + " left after "
                    + Durations.format(waited));
            lastShown = waited;
        }
    }
}
