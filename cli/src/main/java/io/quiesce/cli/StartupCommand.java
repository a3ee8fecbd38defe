package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.service.StartupType;
import picocli.CommandLine.Parameters;

/** {@code startup SERVER automatic|manual|disabled [--service S]}. */
@picocli.CommandLine.Command(name = "startup",
        description = "Set the startup type; it takes effect at the next restart.")
final class StartupCommand extends ServerOrServiceCommand {
    @Parameters(index = "1", paramLabel = "automatic|manual|disabled", description = "The startup type.")
    StartupType type;

    @Override
    Command command(Act act) {
        return new Command.SetStartup(server, service, type, act);
    }
}
