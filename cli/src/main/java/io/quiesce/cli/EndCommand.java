package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.Parameters;

/** {@code end SESSION}: a session ends naturally. */
@picocli.CommandLine.Command(name = "end", description = "End a session naturally.")
final class EndCommand extends ChangeCommand {
    @Parameters(paramLabel = "SESSION", description = "Session id.")
    String session;

    @Override
    Command command(Act act) {
        return new Command.End(session, act);
    }
}
