package io.quiesce.cli;

import io.quiesce.Quiesce;
import io.quiesce.cli.Printouts.Answer;
import io.quiesce.internal.persistence.RolloutProgress;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStatus;
import io.quiesce.rules.Rejection;

import java.io.PrintStream;
import java.util.List;

/**
 * What the rollout commands print, made for a server that runs rollouts: the same renderers and
 * exit codes as in the foreground, so a rollout followed through a server reads as one run here.
 */
public final class RolloutPrintouts {
    private RolloutPrintouts() {
    }

    /** {@code rollout plan POOL [options] [--json]}. */
    public static Answer plan(Quiesce quiesce, String pool, RolloutOptions options, boolean json) {
        return Printouts.capture(json, out -> RolloutPlanCommand.show(quiesce, pool, options, out));
    }

    /** {@code rollout status POOL [--json]}. */
    public static Answer state(Quiesce quiesce, String pool, boolean json) {
        return Printouts.capture(json, out -> RolloutStatusCommand.show(quiesce, pool, out));
    }

    /** A rollout that ended (or stopped): its state, exit 0 when it completed and 3 otherwise, as in the foreground. */
    public static Answer ended(RolloutState rollout, boolean json) {
        return Printouts.capture(json, out -> {
            RolloutReport.state(out, rollout);
            return rollout.status() == RolloutStatus.COMPLETED ? ExitCode.DONE : ExitCode.REFUSED;
        });
    }

    /** Refusals, one line each, with the exit code of the first: a plan's obstacles, a refused start. */
    public static Answer refused(List<Rejection> refusals, boolean json) {
        return Printouts.capture(json, out -> {
            refusals.forEach(out::refused);
            return ExitCode.of(refusals.get(0).code());
        });
    }

    /** Nothing to print yet: the rollout runs, and the caller follows it. */
    public static Answer started() {
        return Printouts.capture(false, out -> ExitCode.DONE);
    }

    /** The progress display of the foreground, written to {@code err}: one line per step. */
    public static RolloutProgress display(PrintStream err) {
        return new RolloutDisplay(err);
    }

    /** A driver that failed (the journal stopped answering): its last state and why, exit 5. */
    public static Answer failed(RolloutState rollout, String why, boolean json) {
        return Printouts.capture(json, out -> {
            if (rollout != null) {
                RolloutReport.state(out, rollout);
            }
            out.error("error: the server stopped driving the rollout: " + why);
            return ExitCode.DATA_DIRECTORY;
        });
    }
}
