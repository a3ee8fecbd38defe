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
        if (quiesce.status().pool(pool).isEmpty()) {
            throw CliFailure.badInput("no pool named " + pool + ": check the name with status.");
        }
        RolloutReport.state(out, quiesce.rollouts().state(pool));
        return ExitCode.DONE;
    }

    /** Not served by {@code quiesce serve} yet: said plainly rather than half done. */
    @Override
    int readFrom(QuiesceClient server, Output out) {
        throw new CliFailure(ExitCode.DATA_DIRECTORY, "a server holds this data directory, and it does not serve"
                + " rollouts yet: run rollout commands while no server runs.");
    }
}
