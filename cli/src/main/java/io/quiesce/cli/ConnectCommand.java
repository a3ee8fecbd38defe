package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** {@code connect POOL --feature F [--id ID]}: a user's client opens a session. */
@picocli.CommandLine.Command(name = "connect",
        description = "Open a session for a feature; the pool routes it. Prints the session id, server and service.")
final class ConnectCommand extends ChangeCommand {
    @Parameters(paramLabel = "POOL", description = "Pool name.")
    String pool;

    @Option(names = "--feature", paramLabel = "F", required = true,
            description = "Feature id: calls, im, av-conferencing, call-park, ...")
    String feature;

    @Option(names = "--id", paramLabel = "ID", description = "Session id (default: a new one).")
    String id;

    @Override
    Command command(Act act) {
        return new Command.Connect(pool, feature, id != null ? id : newId(), act);
    }

    private static String newId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "s-" + HexFormat.of().formatHex(random);
    }
}
