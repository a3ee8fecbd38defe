package io.quiesce.cli;

import picocli.CommandLine.Command;

/** {@code server add}. */
@Command(name = "server", description = "Add a server to a pool.", subcommands = ServerAddCommand.class)
final class ServerCommand extends GroupCommand {
}
