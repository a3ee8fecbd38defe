package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.Quiesce;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code plan SERVER [--json]}: what taking it offline, or restarting it, would do now (rule 15). */
@Command(name = "plan", description = "Say what stopping or restarting a server would do now, before doing it.")
final class PlanCommand extends ReadCommand {
    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Override
    int read(Quiesce quiesce, Output out) {
        Deployment d = quiesce.status();
        if (d.server(server).isEmpty()) {
            out.refused(new Rejection(RejectionCode.UNKNOWN_SERVER, "no server named " + server
                    + ": check the name with status."));
            return ExitCode.BAD_INPUT;
        }
        PlanReport report = new PlanReport(new ServiceNames(quiesce.rules().catalog(), d));
        report.print(out, quiesce.rules().plan(d, server, quiesce.clock().instant()));
        return ExitCode.DONE;
    }

    @Override
    int readFrom(QuiesceClient server, Output out) {
        return out.print(server.read("/v1/plan/" + Paths.segment(this.server), Map.of(), out.json()));
    }
}
