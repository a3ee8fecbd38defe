package io.quiesce.rollout;

import io.quiesce.command.Act;
import io.quiesce.rules.Rejection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What is asked of a pool's rollout: by an administrator, or by the process driving it. */
public sealed interface RolloutCommand {
    Instant at();

    /** Start a rollout on this schedule (from {@link RolloutPlanner}), the servers as they are now. */
    record Begin(RolloutOptions options, List<List<String>> batches, Map<String, ServerBefore> before, Act act)
            implements RolloutCommand {
        @Override
        public Instant at() {
            return act.at();
        }
    }

    /** The driver is about to take this step. */
    record BeginStep(String server, RolloutStep step, Instant at) implements RolloutCommand {
    }

    /** The driver took this step (any but the patch step). */
    record FinishStep(String server, RolloutStep step, String note, Instant at) implements RolloutCommand {
    }

    /** The patch command of this server ended. */
    record FinishPatch(String server, int exitCode, String outputTail, Duration duration, Instant at)
            implements RolloutCommand {
    }

    /** This server's drain timeout passed with sessions left. */
    record DrainTimeout(String server, Instant at) implements RolloutCommand {
    }

    /** The deployment refused this step of this server (a guard, a rule): the rollout stops. */
    record StepRefused(String server, RolloutStep step, Rejection refusal, Instant at) implements RolloutCommand {
    }

    /** Carry on after the process stopped; {@code rerunUnfinished} consents to run again a patch step cut short. */
    record Resume(boolean rerunUnfinished, Act act) implements RolloutCommand {
        @Override
        public Instant at() {
            return act.at();
        }
    }

    /**
     * Stop the rollout. {@code driven}: a process is driving it now, so it stops after the current
     * step; otherwise it stops at once where it is.
     */
    record Abort(boolean driven, Act act) implements RolloutCommand {
        @Override
        public Instant at() {
            return act.at();
        }
    }
}
