package io.quiesce.cli;

import io.quiesce.Quiesce;
import io.quiesce.cli.client.QuiesceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rollout status POOL [--json]}: the pool's latest rollout and where it left each server. */
@Command(name = "status", description = "Show the pool's latest rollout: its step, and each server's state.")
final class RolloutStatusCommand extends ReadCommand {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Override
    int read(Quiesce quiesce, Output out) {
        return show(quiesce, pool, out);
    }

    /** The same status, read by the server that holds the directory (which may be driving the rollout). */
    @Override
    int readFrom(QuiesceClient server, Output out) {
        return out.print(server.read(RolloutThroughServer.path(pool, null), java.util.Map.of(), out.json()));
    }

    /** Prints the state of {@code pool}'s latest rollout; also what a server answers for it. */
    static int show(Quiesce quiesce, String pool, Output out) {
        if (quiesce.status().pool(pool).isEmpty()) {
            throw CliFailure.badInput("no pool named " + pool + ": check the name with status.");
        }
        RolloutReport.state(out, quiesce.rollouts().state(pool));
        return ExitCode.DONE;
    }
}
