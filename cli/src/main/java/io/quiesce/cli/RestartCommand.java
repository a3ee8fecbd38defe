package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restart SERVER [--force]}. */
@picocli.CommandLine.Command(name = "restart",
        description = "Reboot a server: AUTOMATIC services come back running, a pause does not survive it.")
final class RestartCommand extends AdminCommand {
    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--force", description = "Interrupt the sessions still on it and override the pool's guards.")
    boolean force;

    @Override
    Command command(Act act) {
        return new Command.Restart(server, force, act);
    }
}
