package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;

/** {@code resume SERVER [--service S]}. */
@picocli.CommandLine.Command(name = "resume", description = "Take new connections again after a pause.")
final class ResumeCommand extends ServerOrServiceCommand {
    @Override
    Command command(Act act) {
        return new Command.Resume(server, service, act);
    }
}
