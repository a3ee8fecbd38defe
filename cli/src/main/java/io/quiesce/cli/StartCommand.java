package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;

/** {@code start SERVER [--service S]}. */
@picocli.CommandLine.Command(name = "start", description = "Start an offline service or server by hand.")
final class StartCommand extends ServerOrServiceCommand {
    @Override
    Command command(Act act) {
        return new Command.Start(server, service, act);
    }
}
