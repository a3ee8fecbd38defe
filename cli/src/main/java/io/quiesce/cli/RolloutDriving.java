package io.quiesce.cli;

import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStatus;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code rollout start} and {@code rollout resume} share: drive to the end, report, exit 0 or 3. */
abstract class RolloutDriving {
    @Spec
    CommandSpec spec;

    static int drive(RolloutRunner runner, String pool, Output out) {
        RolloutState end = runner.drive(pool);
        RolloutReport.state(out, end);
        return end.status() == RolloutStatus.COMPLETED ? ExitCode.DONE : ExitCode.REFUSED;
    }
}
