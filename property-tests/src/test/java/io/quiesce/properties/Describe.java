package io.quiesce.properties;

import io.quiesce.command.Command;
import io.quiesce.rules.Decision;

/** Short texts for failure messages. */
final class Describe {
    private Describe() {
    }

    static String command(Command c) {
        return c instanceof Command.DeadlinePassed d
                ? "the pause deadline of " + d.service() + " on " + d.server() + " at " + d.at()
                : CommandLines.line(c);
    }

    static String decision(Decision d) {
        if (d instanceof Decision.Rejected r) {
            return "refused (" + r.rejection().code() + ")";
        }
        Decision.Accepted a = (Decision.Accepted) d;
        return a.changedNothing() ? "accepted, changing nothing"
                : "accepted with " + a.events().stream().map(e -> e.getClass().getSimpleName()).toList();
    }
}
