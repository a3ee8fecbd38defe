package io.quiesce.rules;

import io.quiesce.command.Act;
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
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The rules of one Windows service (rules 1-9 at service level). Pool-wide guards are
 * applied on top by {@link Rules}. {@code wholeServer} tells whether the command addresses the
 * whole server, where a command that does not apply to a service's state is reported as
 * unchanged instead of refused (rule 10).
 */
final class ServiceDecider {
    private ServiceDecider() {
    }

    /**
     * Rule 1. {@code deadline} (may be null) is when remaining sessions are cut; on a service
     * already paused, a new deadline or {@code clearDeadline} changes the pause's deadline in place.
     */
    static Step pause(ServiceState s, Instant deadline, boolean clearDeadline, Act act, boolean wholeServer) {
        return switch (s.status()) {
            case RUNNING -> {
                List<ServiceEvent> events = new ArrayList<>();
                events.add(new ServicePaused(act.at(), s.server(), s.name(), deadline, act.by().name(), act.reason()));
                if (!s.hasSessions()) {
                    events.add(new ServiceDrained(act.at(), s.server(), s.name()));
                }
                yield Step.change(s, events);
            }
            case PAUSING, DRAINED -> deadline != null || clearDeadline
                    ? changeDeadline(s, deadline, act)
                    : Step.unchanged(s, "already paused");
            case OFFLINE -> wholeServer
                    ? Step.unchanged(s, "offline: takes no connections")
                    : Step.refuse(s, RejectionCode.SERVICE_OFFLINE, s.name() + " on " + s.server()
                    + " is offline, so it cannot be paused: start it first if it should take connections.");
        };
    }

    /** Sets, changes or clears ({@code deadline} null) the deadline of a pause without resuming it. */
    private static Step changeDeadline(ServiceState s, Instant deadline, Act act) {
        if (Objects.equals(s.deadline(), deadline)) {
            return Step.unchanged(s, deadline == null ? "already paused, with no deadline"
                    : "already paused, with that deadline");
        }
        return Step.change(s, List.of(new PauseDeadlineChanged(act.at(), s.server(), s.name(), deadline,
                act.by().name(), act.reason())));
    }

    static Step resume(ServiceState s, Act act, boolean wholeServer) {
        return switch (s.status()) {
            case RUNNING -> Step.unchanged(s, "already running");
            case PAUSING, DRAINED -> Step.change(s, List.of(
                    new ServiceResumed(act.at(), s.server(), s.name(), act.by().name(), act.reason())));
            case OFFLINE -> wholeServer
                    ? Step.unchanged(s, "offline: start it to take connections")
                    : Step.refuse(s, RejectionCode.SERVICE_OFFLINE, s.name() + " on " + s.server()
                    + " is offline, so it cannot be resumed: start it instead.");
        };
    }

    static Step start(ServiceState s, Act act, boolean wholeServer) {
        return switch (s.status()) {
            case RUNNING -> Step.unchanged(s, "already running");
            case PAUSING, DRAINED -> Step.unchanged(s, "already started but paused: resume it to take connections");
            case OFFLINE -> {
                if (s.startup() == StartupType.DISABLED) {
                    yield wholeServer
                            ? Step.unchanged(s, "startup type is disabled")
                            : Step.refuse(s, RejectionCode.STARTUP_DISABLED, s.name() + " on " + s.server()
                            + " has startup type disabled: set it to manual or automatic before starting it.");
                }
                yield Step.change(s, List.of(
                        new ServiceStarted(act.at(), s.server(), s.name(), act.by().name(), act.reason())));
            }
        };
    }

    /**
     * Rule 4 and rule 14: a service with sessions is stopped only by force; sessions of features
     * that need DNS load balancing get their own refusal when the pool lacks it.
     */
    static Step stop(ServiceState s, boolean force, Predicate<String> notReroutedFeature, Act act) {
        if (s.status() == ServiceStatus.OFFLINE) {
            return Step.unchanged(s, "already offline");
        }
        if (s.hasSessions() && !force) {
            long stranded = s.sessions().values().stream().filter(x -> notReroutedFeature.test(x.feature())).count();
            if (stranded > 0) {
                return Step.refuse(s, RejectionCode.DNS_LB_SESSIONS, s.name() + " on " + s.server() + " has "
                        + stranded + " session(s) of features that need DNS load balancing, which the pool lacks,"
                        + " so they were not re-routed: wait for them to end, or force the stop to interrupt them.");
            }
            return Step.refuse(s, RejectionCode.SESSIONS_ACTIVE, s.name() + " on " + s.server() + " still has "
                    + s.sessionCount() + " session(s): " + (s.status().isPaused() ? "" : "pause it and ")
                    + "wait until it is drained, or force the stop to interrupt them.");
        }
        List<ServiceEvent> events = new ArrayList<>(interruptAll(s, act.at(), InterruptionCause.FORCED_STOP));
        events.add(new ServiceStopped(act.at(), s.server(), s.name(), force, act.by().name(), act.reason()));
        return Step.change(s, events);
    }

    static Step setStartup(ServiceState s, StartupType type, Act act) {
        if (s.startup() == type) {
            return Step.unchanged(s, "startup type already " + type.label());
        }
        return Step.change(s, List.of(new StartupTypeChanged(act.at(), s.server(), s.name(), s.startup(), type,
                act.by().name(), act.reason())));
    }

    /**
     * Rule 6: a RUNNING service takes a new session; a paused one only under the DNS load
     * balancing exception; an OFFLINE one never.
     */
    static boolean takesNewSession(ServiceState s, boolean notRerouted) {
        return s.status() == ServiceStatus.RUNNING || (s.status().isPaused() && notRerouted);
    }

    static Step openSession(ServiceState s, String session, String feature, boolean notRerouted, Act act) {
        if (!takesNewSession(s, notRerouted)) {
            return Step.refuse(s, RejectionCode.NOT_ACCEPTING, s.name() + " on " + s.server() + " is "
                    + s.status().label() + " and takes no new connection: route it to a running server.");
        }
        List<ServiceEvent> events = new ArrayList<>();
        if (s.status() == ServiceStatus.DRAINED) {
            events.add(drainingAgain(s, act.at()));
        }
        events.add(new SessionStarted(act.at(), s.server(), s.name(), session, feature, act.by().name()));
        return Step.change(s, events);
    }

    /**
     * Rule 6's exception on a DRAINED service: the session it must take leaves it PAUSING again,
     * no longer ready to be taken offline.
     */
    private static ServiceDrainingAgain drainingAgain(ServiceState s, Instant at) {
        return new ServiceDrainingAgain(at, s.server(), s.name());
    }

    /** Rule 7: the last session of a PAUSING service leaves it DRAINED. */
    static Step endSession(ServiceState s, String session, Act act) {
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new SessionEnded(act.at(), s.server(), s.name(), session, act.by().name()));
        if (s.status() == ServiceStatus.PAUSING && s.sessionCount() == 1) {
            events.add(new ServiceDrained(act.at(), s.server(), s.name()));
        }
        return Step.change(s, events);
    }

    /** Rule 8: once the deadline has passed, remaining sessions are cut and the service is DRAINED. */
    static Step deadlinePassed(ServiceState s, Instant now) {
        if (s.deadline() == null || now.isBefore(s.deadline())) {
            return Step.unchanged(s, "no pause deadline has passed");
        }
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new DrainDeadlinePassed(now, s.server(), s.name()));
        events.addAll(interruptAll(s, now, InterruptionCause.DRAIN_DEADLINE));
        if (s.status() == ServiceStatus.PAUSING) {
            events.add(new ServiceDrained(now, s.server(), s.name()));
        }
        return Step.change(s, events);
    }

    /** Rule 9: after a restart only AUTOMATIC services run; a pause does not survive it. */
    static Step restart(ServiceState s, Instant at) {
        List<ServiceEvent> events = new ArrayList<>(interruptAll(s, at, InterruptionCause.RESTART));
        boolean automatic = s.startup() == StartupType.AUTOMATIC;
        ServiceStatus after = automatic ? ServiceStatus.RUNNING : ServiceStatus.OFFLINE;
        events.add(new ServiceRestarted(at, s.server(), s.name(), s.status(), after,
                automatic && s.status().isPaused()));
        return Step.change(s, events);
    }

    private static List<ServiceEvent> interruptAll(ServiceState s, Instant at, InterruptionCause cause) {
        return s.sessions().values().stream()
                .<ServiceEvent>map(x -> new SessionInterrupted(at, s.server(), s.name(), x.id(), x.feature(), cause))
                .toList();
    }
}
