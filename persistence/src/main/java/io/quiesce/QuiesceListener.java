package io.quiesce;

import io.quiesce.event.Event;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;

import java.time.Instant;
import java.util.List;

/**
 * What an admin tool reacts to. Called after the change is recorded, on a thread of the
 * library's own (never the caller's): for each command, first the calls for its events in journal
 * order, then the status changes it caused. Implement what you need.
 */
public interface QuiesceListener {
    /** Every event one command recorded, in journal order: for a feed of history lines (a server's event stream). */
    default void recorded(List<Event> events) {
    }

    /** A service's status changed. */
    default void statusChanged(String server, String service, ServiceStatus from, ServiceStatus to, Instant at) {
    }

    /** A paused service has no session left: it can be taken offline. */
    default void drained(String server, String service, Instant at) {
    }

    /** A session was cut off: by force, by a pause deadline or by a restart. */
    default void sessionInterrupted(String server, String service, String session, String feature,
                                    InterruptionCause cause, Instant at) {
    }

    /** A restart brought a paused AUTOMATIC service back: it takes new connections again. */
    default void pauseClearedByRestart(String server, String service, Instant at) {
    }

    /** No server of the pool took a new connection. */
    default void connectionLost(String pool, String feature, String session, Instant at) {
    }
}
