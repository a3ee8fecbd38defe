package io.quiesce.cli;

import io.quiesce.Quiesce;
import io.quiesce.auth.Principal;
import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.Quiesce;
import io.quiesce.rules.Decision;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
        Optional<QuiesceClient> server = root.server();
        if (server.isPresent()) {
            return root.output().print(server.get().command(commandLine(root, principal), root.output().json()));
        }
        try (Quiesce quiesce = root.open()) {
            Act act = new Act(principal, quiesce.clock().instant(), reason());
            Command command = command(act);
            Decision decision = quiesce.execute(command);
            return new DecisionReport(root.output(), new ServiceNames(quiesce.rules().catalog(), quiesce.status()))
                    .report(command, decision);
        }
    }

    /**
     * The command as a command line of a history file, for a server to decide: stamped with the
     * server's time, not ours, and naming who asks only when the server lets this caller say so.
     */
    private Map<String, Object> commandLine(QuiesceCommand root, Principal principal) {
        Map<String, Object> line = new LinkedHashMap<>(CommandCodec.encode(command(new Act(principal, Instant.now(),
                reason()))));
        line.remove("at");
        if (!root.namesPrincipal()) {
            line.remove("as");
            line.remove("groups");
        }
        return line;
    }
}
