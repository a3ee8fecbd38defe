package io.quiesce.properties;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rejection;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each rule of docs/behaviour.md promises about one decided command, judged from the states before
 * and after: the right services changed in the right way, nothing else changed, a refusal had a
 * reason that holds, and every event was audited. Labels are the rule numbers ("R1" ...).
 */
final class Postconditions {
    private final Lookup lookup;

    Postconditions(Lookup lookup) {
        this.lookup = lookup;
    }

    Optional<Failure> check(Observation o) {
        if (o.command() instanceof Command.Authorized a && !Invariants.isAdministrator(a)) {
            return Optional.empty(); // I8 has judged it
        }
        if (o.decision() instanceof Decision.Rejected r) {
            return refusal(o, r.rejection());
        }
        return Failure.first(() -> audit(o), () -> rule(o));
    }

    private Optional<Failure> rule(Observation o) {
        Command c = o.command();
        if (c instanceof Command.Pause p) {
            Instant deadline = p.deadline() == null ? null : p.at().plus(p.deadline());
            return serviceCommand(o, "R1", p.server(), p.service(), (s0, s1, specific) -> switch (s0.status()) {
                case RUNNING -> expect(s1.status() == (s0.hasSessions() ? ServiceStatus.PAUSING : ServiceStatus.DRAINED)
                        && Objects.equals(s1.deadline(), deadline) && s1.sessions().equals(s0.sessions()),
                        "a RUNNING service should be paused with deadline " + deadline + ", got " + s1);
                case PAUSING, DRAINED -> p.deadline() == null && !p.clearDeadline() ? unchanged(s0, s1)
                        : expect(s1.status() == s0.status() && s1.sessions().equals(s0.sessions())
                        && Objects.equals(s1.deadline(), deadline) && Objects.equals(s1.since(), s0.since()),
                        "a paused service should stay paused with its deadline now " + deadline + ", got " + s1);
                case OFFLINE -> specific ? "pausing an OFFLINE service must be refused" : unchanged(s0, s1);
            });
        } else if (c instanceof Command.Resume r) {
            return serviceCommand(o, "R2", r.server(), r.service(), (s0, s1, specific) -> switch (s0.status()) {
                case RUNNING -> unchanged(s0, s1);
                case PAUSING, DRAINED -> expect(s1.status() == ServiceStatus.RUNNING && s1.deadline() == null
                        && s1.sessions().equals(s0.sessions()), "a resumed service should run, got " + s1);
                case OFFLINE -> specific ? "resuming an OFFLINE service must be refused" : unchanged(s0, s1);
            });
        } else if (c instanceof Command.Start st) {
            return serviceCommand(o, "R3", st.server(), st.service(), (s0, s1, specific) -> {
                if (s0.status() != ServiceStatus.OFFLINE) {
                    return unchanged(s0, s1);
                } else if (s0.startup() == StartupType.DISABLED) {
                    return specific ? "starting a DISABLED service must be refused" : unchanged(s0, s1);
                }
                return expect(s1.status() == ServiceStatus.RUNNING, "a started service should run, got " + s1);
            });
        } else if (c instanceof Command.Stop st) {
            return serviceCommand(o, "R4", st.server(), st.service(), (s0, s1, specific) -> {
                if (s0.status() == ServiceStatus.OFFLINE) {
                    return unchanged(s0, s1);
                } else if (!st.force() && s0.hasSessions()) {
                    return "stopped without force while it had sessions " + s0.sessions().keySet();
                }
                return expect(s1.status() == ServiceStatus.OFFLINE && !s1.hasSessions() && s1.deadline() == null,
                        "a stopped service should be OFFLINE, empty, without deadline, got " + s1);
            }).or(() -> quorum(o, st.server(), st.force(), false));
        } else if (c instanceof Command.SetStartup su) {
            return serviceCommand(o, "R5", su.server(), su.service(), (s0, s1, specific) -> expect(
                    s1.startup() == su.type() && s1.status() == s0.status() && s1.sessions().equals(s0.sessions())
                            && Objects.equals(s1.deadline(), s0.deadline()),
                    "a startup change should change only the startup type, got " + s1));
        } else if (c instanceof Command.Restart r) {
            return restart(o, r).or(() -> quorum(o, r.server(), r.force(), true));
        } else if (c instanceof Command.Connect cn) {
            return connect(o, cn);
        } else if (c instanceof Command.End e) {
            return expectOr(o.before().serviceWithSession(e.session()).isPresent()
                    && o.after().serviceWithSession(e.session()).isEmpty()
                    && o.events().stream().anyMatch(ev -> ev instanceof Event.SessionEnded se
                    && se.session().equals(e.session())), "R7", "ending " + e.session() + " should end exactly it");
        } else if (c instanceof Command.DeadlinePassed dp) {
            return deadline(o, dp);
        } else if (c instanceof Command.Observe ob) {
            return serviceCommand(o, "OBSERVED", ob.server(), ob.service(), (s0, s1, specific) -> {
                if (s0.observed() == ob.sessions()) {
                    return unchanged(s0, s1);
                }
                ServiceStatus expected = s0.status() == ServiceStatus.PAUSING && ob.sessions() == 0
                        && s0.sessions().isEmpty() ? ServiceStatus.DRAINED
                        : s0.status() == ServiceStatus.DRAINED && ob.sessions() > 0 ? ServiceStatus.PAUSING
                        : s0.status();
                return expect(s1.observed() == ob.sessions() && s1.status() == expected
                                && s1.sessions().equals(s0.sessions()),
                        "an observed count of " + ob.sessions() + " should leave it " + expected + ", got " + s1);
            });
        }
        return Optional.empty();
    }

    @FunctionalInterface
    private interface ServiceCheck {
        /** What is wrong with this service after the command, or null. */
        String problem(ServiceState before, ServiceState after, boolean specific);
    }

    /** Rules 1-5 and 10: each addressed service as its rule says, one outcome each, nothing else touched. */
    private Optional<Failure> serviceCommand(Observation o, String rule, String server, String service,
                                             ServiceCheck check) {
        Optional<List<ServiceState>> targets = lookup.targets(o.before(), server, service);
        if (targets.isEmpty()) {
            return Failure.of(rule, "accepted although " + server + (service == null ? "" : " / " + service)
                    + " names nothing: " + Invariants.describe(o));
        }
        Decision.Accepted a = (Decision.Accepted) o.decision();
        if (a.outcomes().size() != targets.get().size()) {
            return Failure.of("R10", a.outcomes().size() + " outcomes for " + targets.get().size()
                    + " addressed services: " + Invariants.describe(o));
        }
        for (ServiceState s0 : targets.get()) {
            ServiceState s1 = o.after().server(server).orElseThrow().service(s0.name());
            String problem = check.problem(s0, s1, service != null);
            if (problem != null) {
                return Failure.of(rule, Invariants.name(s0) + " was " + s0.status() + ": " + problem);
            }
        }
        return untouchedExcept(o, server, targets.get().stream().map(ServiceState::name).toList());
    }

    private static Optional<Failure> untouchedExcept(Observation o, String server, List<String> services) {
        for (ServerState s : o.before().servers().values()) {
            for (ServiceState before : s.services().values()) {
                boolean addressed = s.name().equals(server) && services.contains(before.name());
                ServiceState after = o.after().server(s.name()).orElseThrow().service(before.name());
                if (!addressed && !before.equals(after)) {
                    return Failure.of("R10", Invariants.name(before) + " changed though not addressed: "
                            + Invariants.describe(o));
                }
            }
        }
        return Optional.empty();
    }

    /** Rule 9: a restart needs force to interrupt; afterwards nothing is left of sessions or pauses. */
    private static Optional<Failure> restart(Observation o, Command.Restart r) {
        if (!o.changed()) {
            return Failure.of("R9", "a restart must record what it did: " + Invariants.describe(o));
        }
        ServerState before = o.before().server(r.server()).orElseThrow();
        if (!r.force() && before.sessionCount() > 0) {
            return Failure.of("R9", r.server() + " restarted without force while it had sessions");
        }
        for (ServiceState s0 : before.services().values()) {
            ServiceState s1 = o.after().server(r.server()).orElseThrow().service(s0.name());
            if (s1.hasSessions() || s1.deadline() != null) {
                return Failure.of("R9", Invariants.name(s1) + " kept sessions or a deadline across the restart");
            }
            boolean cleared = s0.status().isPaused() && s0.startup() == StartupType.AUTOMATIC;
            boolean recorded = o.events().stream().anyMatch(e -> e instanceof ServiceRestarted sr
                    && sr.service().equals(s0.name()) && sr.pauseCleared() == cleared);
            if (!recorded) {
                return Failure.of("R9", "the restart should record " + Invariants.name(s0) + " with pause cleared "
                        + cleared);
            }
        }
        return Optional.empty();
    }

    /**
     * Rule 13: without force a stop or restart never brings the pool's servers up below its
     * quorum. During a restart the server itself is down, whatever comes back afterwards.
     */
    private static Optional<Failure> quorum(Observation o, String server, boolean force, boolean restart) {
        if (force || !o.changed()) {
            return Optional.empty();
        }
        String pool = o.before().server(server).orElseThrow().pool();
        List<ServerState> members = o.before().serversOf(pool);
        long upBefore = members.stream().filter(Postconditions::isUp).count();
        long upAfter = restart
                ? upBefore - (isUp(o.before().server(server).orElseThrow()) ? 1 : 0)
                : o.after().serversOf(pool).stream().filter(Postconditions::isUp).count();
        long required = quorumOf(members.size());
        if (upAfter < upBefore && upAfter < required) {
            return Failure.of("R13", "without force pool " + pool + " went to " + upAfter + " of " + members.size()
                    + " servers up, below its quorum of " + required + ": " + Invariants.describe(o));
        }
        return Optional.empty();
    }

    private static boolean isUp(ServerState s) {
        return s.service(s.coreService()).status() != ServiceStatus.OFFLINE;
    }

    /** Rule 13's quorum table, written out again so the check does not trust the code it checks. */
    static int quorumOf(int servers) {
        int[][] table = {{2, servers}, {4, 2}, {6, 3}, {9, 4}, {12, 5}, {16, 7}};
        for (int[] row : table) {
            if (servers <= row[0]) {
                return row[1];
            }
        }
        throw new IllegalArgumentException("no quorum for " + servers + " servers");
    }

    /** Rules 6 and 11: a fresh id goes to the least loaded taker, ties by name, or is lost. */
    private Optional<Failure> connect(Observation o, Command.Connect c) {
        Deployment d = o.before();
        if (d.serviceWithSession(c.session()).isPresent()) {
            return Failure.of("R6", "accepted duplicate session id " + c.session());
        }
        Optional<ServiceState> expected = d.serversOf(c.pool()).stream()
                .map(server -> lookup.hostOf(server, c.feature())).flatMap(Optional::stream)
                .filter(s -> lookup.takesNewSession(d, s, c.feature()))
                .min(Comparator.comparingInt(ServiceState::sessionCount)
                        .thenComparing(ServiceState::server, io.quiesce.text.Names.ORDER));
        List<Event> events = o.events();
        // A DRAINED taker records that it is PAUSING again, then the session.
        int drained = expected.isPresent() && expected.get().status() == ServiceStatus.DRAINED ? 1 : 0;
        boolean ok = expected.isEmpty()
                ? events.size() == 1 && events.get(0) instanceof ConnectionLost lost && lost.session().equals(c.session())
                : events.size() == 1 + drained
                && (drained == 0 || events.get(0) instanceof Event.ServiceDrainingAgain again
                        && again.server().equals(expected.get().server()) && again.service().equals(expected.get().name()))
                && events.get(drained) instanceof SessionStarted s && s.session().equals(c.session())
                && s.feature().equals(c.feature()) && s.server().equals(expected.get().server())
                && s.service().equals(expected.get().name());
        return expectOr(ok, "R11", c.feature() + " session " + c.session() + " should go to "
                + expected.map(Invariants::name).orElse("no server (lost)") + ", got " + events);
    }

    /** Rule 8: once its deadline has passed, a paused service has no session left and is DRAINED. */
    private static Optional<Failure> deadline(Observation o, Command.DeadlinePassed dp) {
        ServiceState s0 = o.before().server(dp.server()).orElseThrow().service(dp.service());
        ServiceState s1 = o.after().server(dp.server()).orElseThrow().service(dp.service());
        boolean due = s0.deadline() != null && !s0.deadline().isAfter(dp.at());
        if (!due) {
            return expectOr(s0.equals(s1), "R8", "a deadline that has not passed changed " + s1);
        }
        return expectOr(!s1.hasSessions() && s1.deadline() == null
                        && (!s0.status().isPaused() || s1.status() == ServiceStatus.DRAINED), "R8",
                "after its deadline passed " + Invariants.name(s1) + " should have no session and no deadline, and be"
                        + " DRAINED if paused; got " + s1);
    }

    /** A refusal must have a reason that holds in the state it was decided in. */
    private Optional<Failure> refusal(Observation o, Rejection r) {
        Deployment d = o.before();
        Command c = o.command();
        Map<String, Object> fields = c instanceof Record rec ? RecordFields.of(rec) : Map.of();
        String server = (String) fields.get("server");
        String service = (String) fields.get("service");
        boolean holds = switch (r.code()) {
            case NOT_AUTHORIZED -> false;
            case UNKNOWN_SERVER -> d.server(server).isEmpty();
            case UNKNOWN_POOL -> d.pool((String) fields.get("pool")).isEmpty();
            case UNKNOWN_SERVICE, COMPONENT_NOT_PAUSABLE -> d.server(server).isPresent()
                    && lookup.targets(d, server, service).isEmpty();
            case UNKNOWN_SESSION -> d.serviceWithSession((String) fields.get("session")).isEmpty();
            case DUPLICATE_SESSION -> d.serviceWithSession((String) fields.get("session")).isPresent();
            case SERVICE_OFFLINE -> service != null && lookup.targets(d, server, service)
                    .map(t -> t.get(0).status() == ServiceStatus.OFFLINE).orElse(false);
            case STARTUP_DISABLED -> service != null && lookup.targets(d, server, service)
                    .map(t -> t.get(0).status() == ServiceStatus.OFFLINE && t.get(0).startup() == StartupType.DISABLED)
                    .orElse(false);
            case SESSIONS_ACTIVE, DNS_LB_SESSIONS -> !Invariants.forced(c) && d.server(server)
                    .map(s -> lookup.targets(d, server, c instanceof Command.Restart ? null : service).orElseThrow()
                            .stream().anyMatch(ServiceState::hasSessions)).orElse(false);
            case CAPACITY_GUARD, QUORUM_GUARD -> !Invariants.forced(c);
            default -> true; // malformed input: the generator makes none on purpose
        };
        return expectOr(holds, "REFUSAL", "refused as " + r.code() + " though that does not hold: "
                + Invariants.describe(o));
    }

    /** Rule 17: every event says when, and administrative ones who and why, as the command did. */
    private static Optional<Failure> audit(Observation o) {
        if (!(o.command() instanceof Command.Authorized a)) {
            return Optional.empty();
        }
        for (Event e : o.events()) {
            Map<String, Object> fields = RecordFields.of((Record) e);
            boolean ok = e.at().equals(a.at())
                    && (!fields.containsKey("by") || a.act().by().name().equals(fields.get("by")))
                    && (!fields.containsKey("reason") || Objects.equals(a.act().reason(), fields.get("reason")));
            if (!ok) {
                return Failure.of("R17", e + " does not record the time, principal and reason of "
                        + Invariants.describe(o));
            }
        }
        return Optional.empty();
    }

    private static String unchanged(ServiceState s0, ServiceState s1) {
        return expect(s0.equals(s1), "should be unchanged, got " + s1);
    }

    private static String expect(boolean ok, String problem) {
        return ok ? null : problem;
    }

    private static Optional<Failure> expectOr(boolean ok, String check, String message) {
        return ok ? Optional.empty() : Failure.of(check, message);
    }
}
