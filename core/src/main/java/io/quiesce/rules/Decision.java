package io.quiesce.rules;

import io.quiesce.event.Event;

import java.util.List;

/**
 * The answer of {@link Rules#decide}: either the events to record (possibly none, when nothing
 * needed doing) or a refusal that changes nothing.
 */
public sealed interface Decision {
    List<Warning> warnings();

    record Accepted(List<Event> events, List<ServiceOutcome> outcomes, List<Warning> warnings)
            implements Decision {
        public Accepted {
            events = List.copyOf(events);
            outcomes = List.copyOf(outcomes);
            warnings = List.copyOf(warnings);
        }

        public boolean changedNothing() {
            return events.isEmpty();
        }
    }

    record Rejected(Rejection rejection, List<Warning> warnings) implements Decision {
        public Rejected {
            warnings = List.copyOf(warnings);
        }
    }

    static Rejected reject(RejectionCode code, String message) {
        return new Rejected(new Rejection(code, message), List.of());
    }
}
