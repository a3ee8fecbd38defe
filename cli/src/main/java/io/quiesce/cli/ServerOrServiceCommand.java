package io.quiesce.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A change made to a whole server, or with {@code --service} to one service of it. */
abstract class ServerOrServiceCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--service", paramLabel = "S", description = "One service (display or short name); default: all.")
    String service;
}
