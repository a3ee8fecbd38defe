package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.service.StartupType;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code startup SERVER automatic|manual|disabled [--service S]}. */
@picocli.CommandLine.Command(name = "startup",
        description = "Set the startup type; it takes effect at the next restart.")
final class StartupCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "SERVER", description = "Server name.")
    String server;

    @Parameters(index = "1", paramLabel = "automatic|manual|disabled", description = "The startup type.")
    StartupType type;

    @Option(names = "--service", paramLabel = "S", description = "One service (display or short name); default: all.")
    String service;

    @Override
    Command command(Act act) {
        return new Command.SetStartup(server, service, type, act);
    }
}
