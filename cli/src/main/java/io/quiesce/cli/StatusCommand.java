package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.Quiesce;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code status [POOL|SERVER] [--json]}. */
@Command(name = "status", description = "Show pools, servers and services, with sessions and startup types.")
final class StatusCommand extends ReadCommand {
    @Parameters(arity = "0..1", paramLabel = "POOL|SERVER", description = "Only this pool, or only this server.")
    String name;

    @Override
    int read(Quiesce quiesce, Output out) {
        return show(quiesce.status(), quiesce.rules().catalog(), out);
    }

    /** Prints the status of {@code d} (all of it, or the pool or server named). */
    int show(Deployment d, io.quiesce.catalog.Catalog catalog, Output out) {
        StatusReport report = new StatusReport(new ServiceNames(catalog, d));
        if (name == null) {
            report.print(out, StatusReport.Selection.all());
        } else if (d.pool(name).isPresent()) {
            report.print(out, StatusReport.Selection.pool(name));
        } else if (d.server(name).isPresent()) {
            report.print(out, StatusReport.Selection.server(d.server(name).get()));
        } else {
            out.refused(new Rejection(RejectionCode.UNKNOWN_SERVER, "no pool or server named " + name
                    + ": run status without a name to see them all."));
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.DONE;
    }

    @Override
    int readFrom(QuiesceClient server, Output out) {
        return out.print(server.read(name == null ? "/v1/status" : "/v1/status/" + Paths.segment(name), Map.of(),
                out.json()));
    }
}
