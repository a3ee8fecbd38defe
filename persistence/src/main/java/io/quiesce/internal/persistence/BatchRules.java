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
    /**
     * At most this many batches are written at once: while the journal syncs one, the next is decided
     * and on its way, so the disk need not wait for the answers of one batch before it gets the next.
     */
    static final int BATCHES_IN_FLIGHT = 2;

    /**
     * Whether a batch may be sent beside one in flight of {@code inFlight} commands while {@code waiting}
     * commands wait: once at least half as many wait. The journal commits each batch in a sync of its
     * own, after the one before it: a batch of one or two would take a sync for itself.
     */
    static boolean worthSendingBeside(int inFlight, int waiting) {
        return waiting >= Math.max(1, inFlight / 2);
    }

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
        for (Event e : events) { // a loop: every session's connect and end passes here
            if (!(e instanceof ServiceEvent se && se.server().equals(first.server())
                    && se.service().equals(first.service()))) {
                return Optional.empty();
            }
        }
        return Optional.of(first.server() + "|" + first.service());
    }
}
