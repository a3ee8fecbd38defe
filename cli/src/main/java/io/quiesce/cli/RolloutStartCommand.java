package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.command.Act;
import io.quiesce.internal.persistence.PatchStep;
import io.quiesce.Quiesce;
import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rollout start POOL ...}: runs a rollout in the foreground until it completes (0) or stops
 * (3); when a server holds the directory, the server runs it and this follows it.
 */
@Command(name = "start", description = "Roll the pool now, with a progress display on stderr: in the foreground, or"
        + " inside the quiesce serve that holds the directory (Ctrl-C then leaves it running there).")
final class RolloutStartCommand extends RolloutDriving implements Callable<Integer> {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Mixin
    RolloutScheduleOptions schedule;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded with the rollout and each step.")
    String reason;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        RolloutOptions options = schedule.options();
        Optional<QuiesceClient> server = root.server();
        if (server.isPresent()) {
            return RolloutThroughServer.start(root, server.get(), pool, options, reason);
        }
        try (Quiesce quiesce = root.open()) {
            Output out = root.output();
            RolloutPlan plan = quiesce.rollouts().plan(pool, options);
            if (!plan.possible()) {
                plan.obstacles().forEach(out::refused);
                return ExitCode.of(plan.obstacles().get(0).code());
            }
            RolloutRunner runner = new RolloutRunner(quiesce.rollouts(), new RolloutDisplay(out.err()),
                    RolloutRunner.Pace.realTime(), PatchStep.shell());
            Act act = new Act(root.principal(), quiesce.clock().instant(), reason);
            RolloutDecision begun = runner.begin(pool, options, plan, act);
            if (begun instanceof RolloutDecision.Rejected r) {
                out.refused(r.rejection());
                return ExitCode.of(r.rejection().code());
            }
            return drive(runner, pool, out);
        }
    }
}
