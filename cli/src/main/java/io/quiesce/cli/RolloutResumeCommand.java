package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.command.Act;
import io.quiesce.internal.persistence.PatchStep;
import io.quiesce.Quiesce;
import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.RolloutDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rollout resume POOL [--rerun-unfinished]}: carries on a rollout whose process stopped, at its step. */
@Command(name = "resume", description = "Carry on a rollout whose process stopped, at the step it was on.")
final class RolloutResumeCommand extends RolloutDriving implements Callable<Integer> {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Option(names = "--rerun-unfinished",
            description = "Run again a patch step that started but whose outcome was never recorded.")
    boolean rerunUnfinished;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Optional<QuiesceClient> server = root.server();
        if (server.isPresent()) {
            return RolloutThroughServer.resume(root, server.get(), pool, rerunUnfinished);
        }
        try (Quiesce quiesce = root.open()) {
            Output out = root.output();
            if (quiesce.status().pool(pool).isEmpty()) {
                throw CliFailure.badInput("no pool named " + pool + ": check the name with status.");
            }
            RolloutRunner runner = new RolloutRunner(quiesce.rollouts(), new RolloutDisplay(out.err()),
                    RolloutRunner.Pace.realTime(), PatchStep.shell());
            RolloutDecision resumed = runner.resume(pool, rerunUnfinished,
                    new Act(root.principal(), quiesce.clock().instant(), null));
            if (resumed instanceof RolloutDecision.Rejected r) {
                out.refused(r.rejection());
                return ExitCode.of(r.rejection().code());
            }
            return drive(runner, pool, out);
        }
    }
}
