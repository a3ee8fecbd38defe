package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;

/** {@code stop SERVER [--service S] [--force]}. */
@picocli.CommandLine.Command(name = "stop", description = "Take a drained service or server offline.")
final class StopCommand extends ServerOrServiceCommand {
    @Option(names = "--force", description = "Interrupt the sessions still on it and override the pool's guards.")
    boolean force;

    @Override
    Command command(Act act) {
        return new Command.Stop(server, service, force, act);
    }
}
