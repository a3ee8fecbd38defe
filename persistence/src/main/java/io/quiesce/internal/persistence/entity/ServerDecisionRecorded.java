package io.quiesce.internal.persistence.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.TransactionPart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision that reaches several services of one server (a restart, a whole-server pause),
 * recorded whole by the server, in the decision's order: the history reads it here. Each service
 * records its own part in the same transaction ({@link DecisionRecorded#inServerEntry()}).
 *
 * <p>A type of its own rather than a {@link DecisionRecorded}, so that a version from before it
 * refuses the directory at once, as an entry it cannot read, instead of misreading it.
 */
public record ServerDecisionRecorded(long decision, List<Event> events,
                                     @JsonInclude(JsonInclude.Include.NON_DEFAULT) long transaction,
                                     @JsonInclude(JsonInclude.Include.NON_DEFAULT) int parts)
        implements Journaled, TransactionPart {
    @JsonCreator
    public ServerDecisionRecorded {
        events = List.copyOf(events);
    }

    @Override
    public long order() {
        return decision;
    }

    /** The events of a decision by the service they belong to, each service's in order; the server's own belong to none. */
    public static Map<String, List<Event>> byService(List<Event> events) {
        Map<String, List<Event>> byService = new LinkedHashMap<>();
        for (Event e : events) {
            if (e instanceof Event.ServiceEvent se) {
                byService.computeIfAbsent(se.service(), k -> new ArrayList<>()).add(se);
            }
        }
        return byService;
    }
}
