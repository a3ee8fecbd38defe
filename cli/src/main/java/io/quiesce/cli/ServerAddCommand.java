package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code server add POOL SERVER [--role ROLE]}. */
@picocli.CommandLine.Command(name = "add", description = "Add a server to a pool; its services start running.")
final class ServerAddCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Parameters(index = "1", paramLabel = "SERVER", description = "Server name, unique across pools.")
    String server;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "A role of the catalog (default: the catalog's default, the Lync 2013 Front End).")
    String role;

    @Override
    Command command(Act act) {
        return new Command.AddServer(pool, server, role, act);
    }
}
