package io.quiesce.properties;

import io.quiesce.event.Event;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.rules.Deployment;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Independent bookkeeping of sessions for I3: every session that started is active, ended, or
 * was interrupted with a cause. It reads only the session events, never the folded state, so a
 * state that loses a session without an event disagrees with it.
 */
final class Ledger {
    /** Active session id to "server / service". */
    private final Map<String, String> active = new TreeMap<>();

    Optional<Failure> record(Iterable<Event> events) {
        for (Event e : events) {
            if (e instanceof SessionStarted s) {
                if (active.putIfAbsent(s.session(), where(s.server(), s.service())) != null) {
                    return fail("session " + s.session() + " started again while still active");
                }
            } else if (e instanceof SessionEnded s) {
                if (active.remove(s.session()) == null) {
                    return fail("session " + s.session() + " ended but was not active");
                }
            } else if (e instanceof SessionInterrupted s) {
                if (s.cause() == null) {
                    return fail("session " + s.session() + " was interrupted without a cause");
                }
                if (active.remove(s.session()) == null) {
                    return fail("session " + s.session() + " was interrupted but was not active");
                }
            }
        }
        return Optional.empty();
    }

    /** The state's sessions must be exactly the ledger's active ones, each where it started. */
    Optional<Failure> agreesWith(Deployment state) {
        Map<String, String> seen = new TreeMap<>();
        state.servers().values().forEach(server -> server.services().values().forEach(service ->
                service.sessions().keySet().forEach(id -> seen.put(id, where(server.name(), service.name())))));
        if (!seen.equals(active)) {
            return fail("sessions in the state " + seen + " differ from those started and not yet ended or"
                    + " interrupted " + active);
        }
        return Optional.empty();
    }

    boolean isActive(String session) {
        return active.containsKey(session);
    }

    private static String where(String server, String service) {
        return server + " / " + service;
    }

    private static Optional<Failure> fail(String message) {
        return Optional.of(new Failure("I3", message));
    }
}
