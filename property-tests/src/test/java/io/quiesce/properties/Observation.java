package io.quiesce.properties;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;

import java.util.List;

/** One decided command: the state before, the answer, and the state after its events. */
record Observation(Deployment before, Command command, Decision decision, Deployment after) {
    boolean accepted() {
        return decision instanceof Decision.Accepted;
    }

    /** Accepted with events: something changed. */
    boolean changed() {
        return decision instanceof Decision.Accepted a && !a.changedNothing();
    }

    List<Event> events() {
        return decision instanceof Decision.Accepted a ? a.events() : List.of();
    }
}
