package io.quiesce.rules;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A service's status as one decision changed it: what the library's listeners hear and what a
 * replay's timeline draws.
 *
 * @param at when the decision recorded it
 */
public record StatusChange(String server, String service, ServiceStatus from, ServiceStatus to, Instant at) {
    /**
     * The changes a decision made: one for each service whose status differs from {@code before}
     * to {@code after}, in the order its events first touched them. A service that was not in
     * {@code before} (its server was added by the decision) has none.
     */
    public static List<StatusChange> of(Deployment before, List<? extends Event> events, Deployment after) {
        List<StatusChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Event e : events) {
            ServiceEvent se = ServiceEvent.of(e);
            if (se != null && seen.add(se.server() + "\u0000" + se.service())) {
                ServiceState was = before.server(se.server()).map(s -> s.service(se.service())).orElse(null);
                ServiceState now = after.server(se.server()).orElseThrow().service(se.service());
                if (was != null && was.status() != now.status()) {
                    changes.add(new StatusChange(se.server(), se.service(), was.status(), now.status(), e.at()));
                }
            }
        }
        return changes;
    }
}
