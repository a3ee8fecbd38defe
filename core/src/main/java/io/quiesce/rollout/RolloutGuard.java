package io.quiesce.rollout;

import io.quiesce.command.Command;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;

import java.util.Optional;

/**
 * Keeps hands off a server while a rollout owns it: an administrator's command on a server of a
 * rollout under way is refused ({@code ROLLOUT_IN_PROGRESS}) unless forced. The rollout's own steps
 * do not pass through here.
 */
public final class RolloutGuard {
    private RolloutGuard() {
    }

    /** The server an administrative command acts on, unless it is forced or acts on no server. */
    public static Optional<String> unforcedServer(Command command) {
        if (command instanceof Command.Pause c) {
            return c.force() ? Optional.empty() : Optional.of(c.server());
        } else if (command instanceof Command.Stop c) {
            return c.force() ? Optional.empty() : Optional.of(c.server());
        } else if (command instanceof Command.Restart c) {
            return c.force() ? Optional.empty() : Optional.of(c.server());
        } else if (command instanceof Command.Resume c) {
            return Optional.of(c.server());
        } else if (command instanceof Command.Start c) {
            return Optional.of(c.server());
        } else if (command instanceof Command.SetStartup c) {
            return Optional.of(c.server());
        }
        return Optional.empty();
    }

    /** The refusal of {@code command} given its pool's rollout, if it must be refused. */
    public static Optional<Rejection> check(Command command, RolloutState rollout) {
        Optional<String> server = unforcedServer(command);
        if (server.isEmpty() || !rollout.inProgressStatus() || !rollout.servers().contains(server.get())) {
            return Optional.empty();
        }
        boolean forcible = command instanceof Command.Pause || command instanceof Command.Stop
                || command instanceof Command.Restart;
        return Optional.of(new Rejection(RejectionCode.ROLLOUT_IN_PROGRESS, server.get() + " is under rollout "
                + rollout.number() + " of pool " + rollout.pool() + ", started by " + rollout.by() + ": leave it to"
                + " the rollout, or stop it with rollout abort " + rollout.pool()
                + (forcible ? ", or force." : " first.")));
    }
}
