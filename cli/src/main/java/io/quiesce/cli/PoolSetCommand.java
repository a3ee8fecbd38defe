package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool set POOL --dns-lb on|off}. */
@picocli.CommandLine.Command(name = "set", description = "Turn a pool's DNS load balancing on or off.")
final class PoolSetCommand extends AdminCommand {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Option(names = "--dns-lb", paramLabel = "on|off", required = true,
            description = "Whether the pool uses DNS load balancing.")
    OnOff dnsLoadBalancing;

    @Override
    Command command(Act act) {
        return new Command.SetDnsLoadBalancing(pool, dnsLoadBalancing.isOn(), act);
    }
}
