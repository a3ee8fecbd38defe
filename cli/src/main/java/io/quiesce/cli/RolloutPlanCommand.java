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
        return show(quiesce, pool, schedule.options(), out);
    }

    /** The same plan, made by the server that holds the directory. */
    @Override
    int readFrom(QuiesceClient server, Output out) {
        return out.print(server.read(RolloutThroughServer.path(pool, "plan"), RolloutWire.query(schedule.options()),
                out.json()));
    }

    /** Prints the plan of {@code pool}; also what a server answers for it. */
    static int show(Quiesce quiesce, String pool, RolloutOptions options, Output out) {
        RolloutPlan plan = quiesce.rollouts().plan(pool, options);
        RolloutReport.plan(out, plan, options.exec() != null);
        return plan.obstacles().stream().anyMatch(o -> o.code().kind() == RejectionCode.Kind.BAD_INPUT)
                ? ExitCode.BAD_INPUT : ExitCode.DONE;
    }
}
