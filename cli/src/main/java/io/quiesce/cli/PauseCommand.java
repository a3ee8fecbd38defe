package io.quiesce.cli;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code pause SERVER [--service S] [--deadline DURATION | --no-deadline] [--reason TEXT] [--force]}:
 * on a service already paused, {@code --deadline} and {@code --no-deadline} change its deadline in place.
 */
@picocli.CommandLine.Command(name = "pause",
        description = "Prevent new connections; existing sessions go on until they end. On a service already"
                + " paused, --deadline sets or moves its deadline and --no-deadline clears it.")
final class PauseCommand extends ServerOrServiceCommand {
    /** At most one of them: a deadline to set, or none. */
    @ArgGroup(exclusive = true)
    DeadlineChoice deadline;

    static final class DeadlineChoice {
        @Option(names = "--deadline", paramLabel = "DURATION", converter = PauseDeadlines.class,
                description = "Interrupt the sessions still on after this long (PT30M, 90s, 30m, 2h; at most 30"
                        + " days).")
        Duration after;

        @Option(names = "--no-deadline", description = "No deadline: clears that of a service already paused.")
        boolean none;
    }

    @Option(names = "--force", description = "Go ahead even if the pool is left with no running instance.")
    boolean force;

    @Override
    Command command(Act act) {
        return deadline == null ? new Command.Pause(server, service, null, false, force, act)
                : new Command.Pause(server, service, deadline.after, deadline.none, force, act);
    }
}
