package io.quiesce.cli;

import io.quiesce.Quiesce;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rules.RejectionCode;
import io.quiesce.cli.client.QuiesceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rollout plan POOL}: the schedule a rollout would follow now, or why the pool cannot be
 * rolled. Records nothing. Exits 0 when it could plan (possible or not), 2 for a wrong name or value.
 */
@Command(name = "plan", description = "Show the batches, the guards each meets and the sessions at stake. Records nothing.")
final class RolloutPlanCommand extends ReadCommand {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Mixin
    RolloutScheduleOptions schedule;

    @Override
    int read(Quiesce quiesce, Output out) {
        RolloutOptions options = schedule.options();
        RolloutPlan plan = quiesce.rollouts().plan(pool, options);
        RolloutReport.plan(out, plan, options.exec() != null);
        return plan.obstacles().stream().anyMatch(o -> o.code().kind() == RejectionCode.Kind.BAD_INPUT)
                ? ExitCode.BAD_INPUT : ExitCode.DONE;
    }

    /** Not served by {@code quiesce serve} yet: said plainly rather than half done. */
    @Override
    int readFrom(QuiesceClient server, Output out) {
        throw new CliFailure(ExitCode.DATA_DIRECTORY, "a server holds this data directory, and it does not serve"
                + " rollouts yet: run rollout commands while no server runs.");
    }
}
