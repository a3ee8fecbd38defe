package io.quiesce.internal.persistence;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceEvent;

import java.util.List;
import java.util.Optional;

/**
 * What goes into a batch of decisions written together: pure. Session traffic (connect, end, a
 * passed deadline) whose events all fall on one service is batched, up to {@link #MAX_BATCH}
 * decisions; the batch's writes, one per service, commit as one transaction. Anything else (an
 * administrative command, whose events reach servers and pools) is written alone.
 */
final class BatchRules {
    /** At most this many commands are decided ahead of the journal. */
    static final int MAX_BATCH = 512;

    private BatchRules() {
    }

    static boolean isSessionTraffic(Command command) {
        return command instanceof Command.Connect || command instanceof Command.End
                || command instanceof Command.DeadlinePassed;
    }

    /** The one service ({@code server|service}) all these events belong to; empty when they are not all of one. */
    static Optional<String> singleService(List<Event> events) {
        if (events.isEmpty() || !(events.get(0) instanceof ServiceEvent first)) {
            return Optional.empty();
        }
        boolean single = events.stream().allMatch(e -> e instanceof ServiceEvent se
                && se.server().equals(first.server()) && se.service().equals(first.service()));
        return single ? Optional.of(first.server() + "|" + first.service()) : Optional.empty();
    }
}
