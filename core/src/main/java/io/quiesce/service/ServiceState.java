package io.quiesce.service;

import io.quiesce.event.Event.DrainDeadlinePassed;
import io.quiesce.event.Event.PauseDeadlineChanged;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceDrainingAgain;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.ServiceResumed;
import io.quiesce.event.Event.ServiceStarted;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.StartupTypeChanged;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One Windows service of one server, as rebuilt from its events.
 *
 * @param server   the server's name
 * @param name     the service's display name
 * @param sessions active sessions by id, in id order
 * @param deadline when remaining sessions of a pause are cut off, or null
 * @param since    when the status last changed, or null before any change
 */
public record ServiceState(String server, String name, ServiceStatus status, StartupType startup,
                           Map<String, Session> sessions, Instant deadline, Instant since) {
    public ServiceState {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startup, "startup");
        sessions = SessionMap.copyOf(sessions);
    }

    /** A service of a newly added server: started, AUTOMATIC, no session. */
    public static ServiceState installed(String server, String name, Instant at) {
        return new ServiceState(server, name, ServiceStatus.RUNNING, StartupType.AUTOMATIC, Map.of(), null, at);
    }

    public int sessionCount() {
        return sessions.size();
    }

    public boolean hasSessions() {
        return !sessions.isEmpty();
    }

    /** Folds one of this service's events into the next state. */
    public ServiceState evolve(ServiceEvent event) {
        if (event instanceof ServicePaused e) {
            return new ServiceState(server, name, ServiceStatus.PAUSING, startup, sessions, e.deadline(), e.at());
        } else if (event instanceof ServiceDrained e) {
            return withStatus(ServiceStatus.DRAINED, deadline, e.at());
        } else if (event instanceof ServiceDrainingAgain e) {
            return withStatus(ServiceStatus.PAUSING, deadline, e.at());
        } else if (event instanceof PauseDeadlineChanged e) {
            return new ServiceState(server, name, status, startup, sessions, e.deadline(), since);
        } else if (event instanceof ServiceResumed e) {
            return withStatus(ServiceStatus.RUNNING, null, e.at());
        } else if (event instanceof ServiceStarted e) {
            return withStatus(ServiceStatus.RUNNING, null, e.at());
        } else if (event instanceof ServiceStopped e) {
            return withStatus(ServiceStatus.OFFLINE, null, e.at());
        } else if (event instanceof StartupTypeChanged e) {
            return new ServiceState(server, name, status, e.to(), sessions, deadline, since);
        } else if (event instanceof SessionStarted e) {
            SessionMap next = ((SessionMap) sessions).with(new Session(e.session(), e.feature(), e.at()));
            // Journals written before ServiceDrainingAgain existed record only the session: a
            // DRAINED service that took one is PAUSING again. New decisions record the change first.
            ServiceStatus nextStatus = status == ServiceStatus.DRAINED ? ServiceStatus.PAUSING : status;
            Instant nextSince = nextStatus == status ? since : e.at();
            return new ServiceState(server, name, nextStatus, startup, next, deadline, nextSince);
        } else if (event instanceof SessionEnded e) {
            return without(e.session());
        } else if (event instanceof SessionInterrupted e) {
            return without(e.session());
        } else if (event instanceof ServiceRestarted e) {
            return new ServiceState(server, name, e.to(), startup, Map.of(), null, e.at());
        } else if (event instanceof DrainDeadlinePassed) {
            return new ServiceState(server, name, status, startup, sessions, null, since);
        }
        throw new IllegalArgumentException("not a service event: " + event);
    }

    private ServiceState withStatus(ServiceStatus next, Instant nextDeadline, Instant at) {
        return new ServiceState(server, name, next, startup, sessions, nextDeadline, at);
    }

    private ServiceState without(String session) {
        return new ServiceState(server, name, status, startup, ((SessionMap) sessions).without(session), deadline,
                since);
    }
}
