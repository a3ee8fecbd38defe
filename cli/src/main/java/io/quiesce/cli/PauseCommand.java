package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** {@code pause SERVER [--service S] [--deadline DURATION] [--reason TEXT] [--force]}. */
@picocli.CommandLine.Command(name = "pause",
        description = "Prevent new connections; existing sessions go on until they end.")
final class PauseCommand extends AdminCommand {
    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--service", paramLabel = "S", description = "One service (display or short name); default: all.")
    String service;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = PauseDeadlines.class,
            description = "Interrupt the sessions still on after this long (PT30M, 90s, 30m, 2h).")
    Duration deadline;

    @Option(names = "--force", description = "Go ahead even if the pool is left with no running instance.")
    boolean force;

    @Override
    Command command(Act act) {
        return new Command.Pause(server, service, deadline, force, act);
    }
}
