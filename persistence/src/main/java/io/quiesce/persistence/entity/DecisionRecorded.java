package io.quiesce.persistence.entity;

import io.quiesce.event.Event;

import java.util.List;

/**
 * The events one decision recorded in one entity, with the decision's number. The gatekeeper
 * numbers decisions in the order it decides them, across every entity, so a history read back
 * from many journals can put events of the same instant in that order. {@code intent} is the
 * server's intent number when a service records its part of one (a repeat is then ignored), else 0.
 */
public record DecisionRecorded(long decision, long intent, List<Event> events) implements Journaled {
    public DecisionRecorded {
        events = List.copyOf(events);
    }

    public static DecisionRecorded of(long decision, List<? extends Event> events) {
        return new DecisionRecorded(decision, 0, List.copyOf(events));
    }
}
