package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;

import java.time.Instant;
import java.util.List;

/**
 * The number and time of the last decision an entity recorded. After a restart the gatekeeper
 * goes on from the highest of every entity's, so decisions keep being numbered, and timed, in the
 * order they are decided.
 *
 * @param number 0 when none was numbered (a new entity, or a journal from before numbering)
 * @param at     null when the entity recorded nothing yet
 */
public record LastDecision(long number, Instant at) {
    public static final LastDecision NONE = new LastDecision(0, null);

    /** Snapshots written before this was kept have none. */
    static LastDecision orNone(LastDecision last) {
        return last == null ? NONE : last;
    }

    public LastDecision after(long decision, List<? extends Event> events) {
        Instant latest = at;
        for (Event e : events) {
            latest = later(latest, e.at());
        }
        return new LastDecision(Math.max(number, decision), latest);
    }

    public LastDecision max(LastDecision other) {
        return new LastDecision(Math.max(number, other.number), later(at, other.at));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
