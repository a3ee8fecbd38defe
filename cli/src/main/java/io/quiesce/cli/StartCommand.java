package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code start SERVER [--service S]}. */
@picocli.CommandLine.Command(name = "start", description = "Start an offline service or server by hand.")
final class StartCommand extends AdminCommand {
    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--service", paramLabel = "S", description = "One service (display or short name); default: all.")
    String service;

    @Override
    Command command(Act act) {
        return new Command.Start(server, service, act);
    }
}
