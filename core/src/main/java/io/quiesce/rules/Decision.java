package io.quiesce.rules;

import io.quiesce.event.Event;

import java.util.List;

/**
 * The answer of {@link Rules#decide}: either the events to record (possibly none, when nothing
 * needed doing) or a refusal that changes nothing.
 */
public sealed interface Decision {
    /** What the operator should know even though the rules decided: a pause that a restart would clear, say. */
    List<Warning> warnings();

    /** The command is accepted: the events recorded, what happened to each service addressed, and warnings. */
    record Accepted(List<Event> events, List<ServiceOutcome> outcomes, List<Warning> warnings)
            implements Decision {
        /** Copies the lists. */
        public Accepted {
            events = List.copyOf(events);
            outcomes = List.copyOf(outcomes);
            warnings = List.copyOf(warnings);
        }

        /** True when nothing needed doing: no event was recorded. */
        public boolean changedNothing() {
            return events.isEmpty();
        }
    }

    /** The command is refused: nothing changed and nothing was recorded. */
    record Rejected(Rejection rejection, List<Warning> warnings) implements Decision {
        /** Copies the warnings. */
        public Rejected {
            warnings = List.copyOf(warnings);
        }
    }

    /** A refusal with a stable code and one sentence saying what to do. */
    static Rejected reject(RejectionCode code, String message) {
        return new Rejected(new Rejection(code, message), List.of());
    }
}
