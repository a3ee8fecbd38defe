package io.quiesce.cli;

import io.quiesce.Quiesce;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A subcommand that asks for a change: it becomes one core {@link Command}, decided by the rules
 * and recorded in the data directory. The same object serves as a step of {@code simulate}.
 */
public abstract class ChangeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The core command, on behalf of {@code act}'s principal and at its time. */
    abstract Command command(Act act);

    /** Why, as given with {@code --reason}; null when the command takes none. */
    String reason() {
        return null;
    }

    /** The command of this line, by {@code principal} at {@code at}, with its reason: a step of a simulation. */
    public Command commandBy(Principal principal, java.time.Instant at) {
        return command(new Act(principal, at, reason()));
    }

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Principal principal = root.principal();
        try (Quiesce quiesce = root.open()) {
            Act act = new Act(principal, quiesce.clock().instant(), reason());
            Command command = command(act);
            Decision decision = quiesce.execute(command);
            return new DecisionReport(root.output(), new ServiceNames(quiesce.rules().catalog(), quiesce.status()))
                    .report(command, decision);
        }
    }
}
