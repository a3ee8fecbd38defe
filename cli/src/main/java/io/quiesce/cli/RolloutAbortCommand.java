package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.command.Act;
import io.quiesce.Quiesce;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rollout abort POOL}: stops a rollout that no process is driving (this one holds the data
 * directory, so none is) where it is, and says what state each server was left in. Through a
 * server that drives the rollout, it stops after the current step, and this waits for that.
 */
@Command(name = "abort", description = "Stop the pool's rollout, leaving every server in a named, safe state.")
final class RolloutAbortCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded with the abort.")
    String reason;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Optional<QuiesceClient> server = root.server();
        if (server.isPresent()) {
            return RolloutThroughServer.abort(root, server.get(), pool, reason);
        }
        try (Quiesce quiesce = root.open()) {
            Output out = root.output();
            if (quiesce.status().pool(pool).isEmpty()) {
                throw CliFailure.badInput("no pool named " + pool + ": check the name with status.");
            }
            RolloutDecision d = quiesce.rollouts().decide(pool, new RolloutCommand.Abort(
                    quiesce.rollouts().driven(pool), new Act(root.principal(), quiesce.clock().instant(), reason)));
            if (d instanceof RolloutDecision.Rejected r) {
                out.refused(r.rejection());
                return ExitCode.of(r.rejection().code());
            }
            RolloutReport.state(out, quiesce.rollouts().state(pool));
            return ExitCode.DONE;
        }
    }
}
