package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code observe SERVER --service S --sessions N}: what a load balancer counts, for scripts and other sources. */
@picocli.CommandLine.Command(name = "observe",
        description = "Record how many sessions a load balancer (or another source) counts on a service.")
final class ObserveCommand extends ChangeCommand {
    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--service", paramLabel = "S", required = true,
            description = "The service (display or short name) the count is for.")
    String service;

    @Option(names = "--sessions", paramLabel = "N", required = true,
            description = "The sessions counted now (0 or more); a count equal to the last one records nothing.")
    int sessions;

    @Override
    Command command(Act act) {
        return new Command.Observe(server, service, sessions, act);
    }
}
