package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;

import java.util.List;

/**
 * A server recorded that these events, all of one decision, must reach its services; it
 * redelivers them after a crash until every service has applied them. Only directories written by
 * earlier versions hold intents: a decision reaching several services is now one transaction
 * ({@link ServerDecisionRecorded}). {@code decision} is the
 * decision's number ({@link DecisionRecorded}); 0 in journals written before decisions were numbered.
 */
public record IntentRecorded(long intent, List<Event> events, long decision) implements Journaled {
    public IntentRecorded {
        events = List.copyOf(events);
    }
}
