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
    Instant at();

    /** Events of a pool: its settings, its members and the connections it lost. */
    sealed interface PoolEvent extends Event {
        String pool();
    }

    /** Events of a server as a whole. */
    sealed interface ServerEvent extends Event {
        String server();
    }

    /** Events of one Windows service of one server. */
    sealed interface ServiceEvent extends Event {
        String server();

        /** The service's display name. */
        String service();
    }

    /** An event about one user session, named by its id. */
    sealed interface SessionEvent extends Event {
        String session();
    }

    /** An act of an administrator: who ({@code by}) and why ({@code reason}, may be null). */
    sealed interface AdministrativeAct extends Event {
        String by();

        String reason();
    }

    record PoolCreated(Instant at, String pool, boolean dnsLoadBalancing, String by, String reason)
            implements PoolEvent, AdministrativeAct {
    }

    record DnsLoadBalancingChanged(Instant at, String pool, boolean dnsLoadBalancing, String by, String reason)
            implements PoolEvent, AdministrativeAct {
    }

    /** A server joined a pool; its services start RUNNING with AUTOMATIC startup. */
    record ServerAdded(Instant at, String pool, String server, String role, String coreService,
                       List<String> services, String by, String reason)
            implements PoolEvent, AdministrativeAct {
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

    record ServiceResumed(Instant at, String server, String service, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    record ServiceStarted(Instant at, String server, String service, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    record ServiceStopped(Instant at, String server, String service, boolean forced, String by, String reason)
            implements ServiceEvent, AdministrativeAct {
    }

    record StartupTypeChanged(Instant at, String server, String service, StartupType from, StartupType to,
                              String by, String reason) implements ServiceEvent, AdministrativeAct {
    }

    record SessionStarted(Instant at, String server, String service, String session, String feature, String by)
            implements ServiceEvent, SessionEvent {
    }

    record SessionEnded(Instant at, String server, String service, String session, String by)
            implements ServiceEvent, SessionEvent {
    }

    record SessionInterrupted(Instant at, String server, String service, String session, String feature,
                              InterruptionCause cause) implements ServiceEvent, SessionEvent {
    }

    /** The service after its server's restart; {@code pauseCleared} records a pause lost to it. */
    record ServiceRestarted(Instant at, String server, String service, ServiceStatus from, ServiceStatus to,
                            boolean pauseCleared) implements ServiceEvent {
    }

    /** The pause deadline passed; remaining sessions are interrupted by the events that follow. */
    record DrainDeadlinePassed(Instant at, String server, String service) implements ServiceEvent {
    }
}
