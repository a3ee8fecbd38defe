package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool create POOL [--no-dns-lb]}. */
@picocli.CommandLine.Command(name = "create", description = "Create a pool (DNS load balancing on unless --no-dns-lb).")
final class PoolCreateCommand extends AdminCommand {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Option(names = "--no-dns-lb", description = "The pool does not use DNS load balancing.")
    boolean noDnsLoadBalancing;

    @Override
    Command command(Act act) {
        return new Command.CreatePool(pool, !noDnsLoadBalancing, act);
    }
}
