package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resume SERVER [--service S]}. */
@picocli.CommandLine.Command(name = "resume", description = "Take new connections again after a pause.")
final class ResumeCommand extends AdminCommand {
    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--service", paramLabel = "S", description = "One service (display or short name); default: all.")
    String service;

    @Override
    Command command(Act act) {
        return new Command.Resume(server, service, act);
    }
}
