package io.quiesce.persistence.entity;

import io.quiesce.event.Event;

import java.util.List;

/**
 * A server recorded that these events must reach its services; it redelivers them after a crash
 * until every service has applied them.
 */
public record IntentRecorded(long intent, List<Event> events) implements Journaled {
    public IntentRecorded {
        events = List.copyOf(events);
    }
}
