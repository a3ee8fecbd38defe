package io.quiesce.event;

import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Instant;
import java.util.List;

/**
 * Everything that happened, as recorded. State is rebuilt by folding these in order.
 * Every event says when ({@code at}); administrative events also say who ({@code by}) and why
 * ({@code reason}, may be null). The record names are the stable type names of the journal
 * and of history files.
 */
public sealed interface Event {
    /** When it happened. */
    Instant at();

    /** Events of a pool: its settings, its members and the connections it lost. */
    sealed interface PoolEvent extends Event {
        /** The pool's name. */
        String pool();
    }

    /** Events of a server as a whole. */
    sealed interface ServerEvent extends Event {
        /** The server's name (its FQDN). */
        String server();
    }

    /** Events of one Windows service of one server. */
    sealed interface ServiceEvent extends Event {
        /** The server's name (its FQDN). */
        String server();

        /** The service's display name. */
        String service();

        /**
         * The event as a service's event, or null when it is not one. Sessions starting and ending,
         * most events by far, are told by their own classes first: whether a record implements an
         * interface is a search of its supertypes, behind a cache of one entry per class, and the
         * cast to {@link Event} of each event taken from a list fills that entry with another
         * interface. Checked against this one too, every event searched every time on a replay's path.
         */
        static ServiceEvent of(Event event) {
            if (event instanceof SessionStarted e) {
                return e;
            }
            if (event instanceof SessionEnded e) {
                return e;
            }
            return event instanceof ServiceEvent e ? e : null;
        }
    }

    /** An event about one user session, named by its id. */
    sealed interface SessionEvent extends Event {
        /** The session's id. */
        String session();
    }

    /** An act of an administrator: who ({@code by}) and why ({@code reason}, may be null). */
    sealed interface AdministrativeAct extends Event {
        /** The administrator who acted. */
        String by();

        /** Why, as the administrator said; may be null. */
        String reason();
    }

    /** A pool was created. */
    record PoolCreated(Instant at, String pool, boolean dnsLoadBalancing, String by, String reason)
            implements PoolEvent, AdministrativeAct {
    }

    /** DNS load balancing of a pool was turned on or off. */
    record DnsLoadBalancingChanged(Instant at, String pool, boolean dnsLoadBalancing, String by, String reason)
            implements PoolEvent, AdministrativeAct {
    }

    /** A server joined a pool; its services start RUNNING with AUTOMATIC startup. */
    record ServerAdded(Instant at, String pool, String server, String role, String coreService,
                       List<String> services, String by, String reason)
            implements PoolEvent, AdministrativeAct {
        /** Keeps its own copy of the services. */
        public ServerAdded {
            services = List.copyOf(services);
        }
    }

    /** No server of the pool took a new connection: lost service (rule 11). */
    record ConnectionLost(Instant at, String pool, String feature, String session, String by)
            implements PoolEvent, SessionEvent {
    }

    /** A simulated reboot; the per-service outcomes follow as {@link ServiceRestarted}. */
    record ServerRestarted(Instant at, String server, boolean forced, String by, String reason)
            implements ServerEvent, AdministrativeAct {
    }

    /** Prevent new connections; {@code deadline} (may be null) is when remaining sessions are cut. */
    record ServicePaused(Instant at, String server, String service, Instant deadline, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    /**
     * The deadline of a pause set, changed or cleared ({@code deadline} null) in place: the
     * service stays paused throughout, so no connection gets in.
     */
    record PauseDeadlineChanged(Instant at, String server, String service, Instant deadline, String by,
                                String reason) implements ServiceEvent, AdministrativeAct {
    }

    /** A paused service has no session left: ready to be taken offline (rule 7). */
    record ServiceDrained(Instant at, String server, String service) implements ServiceEvent {
    }

    /**
     * A DRAINED service took a session that could not be re-routed (rule 6's exception): it is
     * PAUSING again, no longer ready to be taken offline. Recorded just before that session.
     */
    record ServiceDrainingAgain(Instant at, String server, String service) implements ServiceEvent {
    }

    /** A paused or drained service takes new connections again. */
    record ServiceResumed(Instant at, String server, String service, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    /** A stopped service was started. */
    record ServiceStarted(Instant at, String server, String service, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    /** A service was stopped; {@code forced} when sessions were still active. */
    record ServiceStopped(Instant at, String server, String service, boolean forced, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    /** A service's startup type changed {@code from} one {@code to} another. */
    record StartupTypeChanged(Instant at, String server, String service, StartupType from, StartupType to,
                              String by, String reason) implements ServiceEvent, AdministrativeAct {
    }

    /** A session began on a service, for {@code feature}. */
    record SessionStarted(Instant at, String server, String service, String session, String feature, String by)
            implements ServiceEvent, SessionEvent {
    }

    /** A session ended normally. */
    record SessionEnded(Instant at, String server, String service, String session, String by)
            implements ServiceEvent, SessionEvent {
    }

    /** A session was cut off ({@code cause}: a deadline passed, a forced stop, a restart). */
    record SessionInterrupted(Instant at, String server, String service, String session, String feature,
                              InterruptionCause cause) implements ServiceEvent, SessionEvent {
    }

    /** The service after its server's restart; {@code pauseCleared} records a pause lost to it. */
    record ServiceRestarted(Instant at, String server, String service, ServiceStatus from, ServiceStatus to,
                            boolean pauseCleared) implements ServiceEvent {
    }

    /**
     * A load balancer (or another observer) reported a new count of the service's open
     * connections; recorded only when the count changes. These sessions have no ids: they are
     * counted beside the individual ones ({@link SessionStarted}), never instead of them.
     */
    record SessionsObserved(Instant at, String server, String service, int sessions, String by)
            implements ServiceEvent {
    }

    /** The observed sessions still counted were cut off (force, a pause deadline, a restart); the count is 0. */
    record ObservedSessionsInterrupted(Instant at, String server, String service, int sessions,
                                       InterruptionCause cause) implements ServiceEvent {
    }

    /** The pause deadline passed; remaining sessions are interrupted by the events that follow. */
    record DrainDeadlinePassed(Instant at, String server, String service) implements ServiceEvent {
    }
}
