package io.quiesce.rules;

import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.service.ServiceState;

import java.util.List;

/**
 * What one command does to one service: events to record, or why nothing changes, or a refusal.
 */
record Step(ServiceState before, List<ServiceEvent> events, String note, Rejection refusal) {
    static Step change(ServiceState before, List<ServiceEvent> events) {
        return new Step(before, List.copyOf(events), null, null);
    }

    static Step unchanged(ServiceState before, String note) {
        return new Step(before, List.of(), note, null);
    }

    static Step refuse(ServiceState before, RejectionCode code, String message) {
        return new Step(before, List.of(), null, new Rejection(code, message));
    }

    boolean changed() {
        return !events.isEmpty();
    }

    ServiceState after() {
        ServiceState state = before;
        for (ServiceEvent e : events) {
            state = state.evolve(e);
        }
        return state;
    }

    ServiceOutcome outcome() {
        return changed()
                ? ServiceOutcome.changed(before.server(), before.name(), before.status(), after().status())
                : ServiceOutcome.unchanged(before.server(), before.name(), before.status(), note);
    }
}
