package io.quiesce.properties;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * the invariants of docs/behaviour.md invariants that can be judged from one decided command: I1-I5, I7 and I8. I6 needs a
 * restart or an export and is checked by the properties that do those.
 */
final class Invariants {
    private final Lookup lookup;

    Invariants(Lookup lookup) {
        this.lookup = lookup;
    }

    /**
     * Checks one observation; {@code ledger} is brought up to date with its events first. The
     * state-wide invariants held before, so they are judged again only when something changed.
     */
    Optional<Failure> check(Observation o, Ledger ledger) {
        if (!o.changed()) {
            return i8(o);
        }
        return Failure.first(
                () -> i8(o),
                () -> ledger.record(o.events()).or(() -> ledger.agreesWith(o.after())),
                () -> i1(o.after()),
                () -> i2(o),
                () -> i4(o.after()),
                () -> i5(o),
                () -> i7Interruptions(o),
                () -> i7Capacity(o));
    }

    /** An unauthorized command is refused as such, whatever it asks (rule 16). */
    private static Optional<Failure> i8(Observation o) {
        if (o.command() instanceof Command.Authorized a && !isAdministrator(a)
                && !(o.decision() instanceof Decision.Rejected r && r.rejection().code() == RejectionCode.NOT_AUTHORIZED)) {
            return Failure.of("I8", a.act().by() + " is not an administrator, yet " + describe(o));
        }
        return Optional.empty();
    }

    static boolean isAdministrator(Command.Authorized a) {
        return a.act().by().groups().stream().anyMatch(g -> g.equalsIgnoreCase("Administrators"));
    }

    private static Optional<Failure> i1(Deployment d) {
        for (ServerState server : d.servers().values()) {
            for (ServiceState s : server.services().values()) {
                if (s.status() == ServiceStatus.OFFLINE && s.hasSessions()) {
                    return Failure.of("I1", name(s) + " is OFFLINE with sessions " + s.sessions().keySet());
                }
            }
        }
        return Optional.empty();
    }

    /** Each new session went to a RUNNING service, or to a paused one under rule 6's exception. */
    private Optional<Failure> i2(Observation o) {
        Deployment d = o.before();
        for (Event e : o.events()) {
            if (e instanceof SessionStarted s) {
                ServiceState service = d.server(s.server()).orElseThrow().service(s.service());
                if (!lookup.takesNewSession(d, service, s.feature())) {
                    return Failure.of("I2", name(service) + " took session " + s.session() + " (" + s.feature()
                            + ") while " + service.status());
                }
            }
            d = d.evolve(e);
        }
        return Optional.empty();
    }

    private static Optional<Failure> i4(Deployment d) {
        for (ServerState server : d.servers().values()) {
            for (ServiceState s : server.services().values()) {
                boolean drained = s.status() == ServiceStatus.DRAINED;
                if (drained != (s.status().isPaused() && !s.hasSessions())) {
                    return Failure.of("I4", name(s) + " is " + s.status() + " with " + s.sessionCount() + " session(s)");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> i5(Observation o) {
        if (!(o.command() instanceof Command.Restart r) || !o.changed()) {
            return Optional.empty();
        }
        for (ServiceState s : o.after().server(r.server()).orElseThrow().services().values()) {
            ServiceStatus expected = s.startup() == StartupType.AUTOMATIC ? ServiceStatus.RUNNING : ServiceStatus.OFFLINE;
            if (s.status() != expected) {
                return Failure.of("I5", "after the restart " + name(s) + " with startup " + s.startup() + " is "
                        + s.status());
            }
        }
        return Optional.empty();
    }

    /** Sessions are interrupted only by force or by a deadline an administrator set that has passed. */
    private static Optional<Failure> i7Interruptions(Observation o) {
        for (Event e : o.events()) {
            if (e instanceof SessionInterrupted si) {
                boolean justified = switch (si.cause()) {
                    case FORCED_STOP -> o.command() instanceof Command.Stop s && s.force();
                    case RESTART -> o.command() instanceof Command.Restart r && r.force();
                    case DRAIN_DEADLINE -> o.command() instanceof Command.DeadlinePassed dp
                            && deadlinePassed(o.before(), si.server(), si.service(), dp);
                };
                if (!justified) {
                    return Failure.of("I7", "session " + si.session() + " interrupted (" + si.cause() + ") by "
                            + describe(o));
                }
            }
            if (e instanceof Event.ObservedSessionsInterrupted oi) {
                boolean justified = switch (oi.cause()) {
                    case FORCED_STOP -> o.command() instanceof Command.Stop s && s.force();
                    case RESTART -> o.command() instanceof Command.Restart r && r.force();
                    case DRAIN_DEADLINE -> o.command() instanceof Command.DeadlinePassed dp
                            && deadlinePassed(o.before(), oi.server(), oi.service(), dp);
                };
                if (!justified) {
                    return Failure.of("I7", oi.sessions() + " observed session(s) interrupted (" + oi.cause()
                            + ") by " + describe(o));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean deadlinePassed(Deployment before, String server, String service,
                                          Command.DeadlinePassed dp) {
        ServiceState s = before.server(server).orElseThrow().service(service);
        return s.deadline() != null && !s.deadline().isAfter(dp.at());
    }

    /**
     * Without force a pool keeps at least one RUNNING instance of every service it had running,
     * also while a restarted server is down.
     */
    private static Optional<Failure> i7Capacity(Observation o) {
        if (forced(o.command()) || !o.changed()) {
            return Optional.empty();
        }
        Deployment after = o.command() instanceof Command.Restart r ? down(o.before(), r.server()) : o.after();
        for (String pool : o.before().pools().keySet()) {
            for (String service : serviceNames(o.before(), pool)) {
                if (running(o.before(), pool, service) > 0 && running(after, pool, service) == 0) {
                    return Failure.of("I7", "pool " + pool + " lost its last RUNNING " + service + " without force: "
                            + describe(o));
                }
            }
        }
        return Optional.empty();
    }

    /** The deployment while the server reboots: all its services OFFLINE. */
    private static Deployment down(Deployment d, String server) {
        for (ServiceState s : d.server(server).orElseThrow().services().values()) {
            d = d.withService(new ServiceState(s.server(), s.name(), ServiceStatus.OFFLINE, s.startup(), Map.of(),
                    null, s.since()));
        }
        return d;
    }

    static boolean forced(Command c) {
        return c instanceof Command.Pause p && p.force() || c instanceof Command.Stop s && s.force()
                || c instanceof Command.Restart r && r.force();
    }

    private static Set<String> serviceNames(Deployment d, String pool) {
        Set<String> names = new TreeSet<>();
        d.serversOf(pool).forEach(s -> names.addAll(s.services().keySet()));
        return names;
    }

    static long running(Deployment d, String pool, String service) {
        return d.serversOf(pool).stream().map(s -> s.service(service))
                .filter(s -> s != null && s.status() == ServiceStatus.RUNNING).count();
    }

    static String name(ServiceState s) {
        return s.name() + " on " + s.server();
    }

    static String describe(Observation o) {
        return Describe.command(o.command()) + " was " + Describe.decision(o.decision());
    }
}
