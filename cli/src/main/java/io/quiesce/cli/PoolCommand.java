package io.quiesce.cli;

import picocli.CommandLine.Command;

/** {@code pool create} and {@code pool set}. */
@Command(name = "pool", description = "Create a pool or change its settings.",
        subcommands = {PoolCreateCommand.class, PoolSetCommand.class})
final class PoolCommand extends GroupCommand {
}
