package io.quiesce.properties;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.rules.Rules;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Plausible mistakes in the rules, each planted by rewriting the real rules' decisions, to show
 * that the properties catch them. {@link #caughtBy} is the check expected to notice.
 */
enum PlantedBug {
    /** Rule 7: the last session of a paused service ends but it never shows as drained. */
    FORGETS_DRAINED("I4"),
    /** Rule 6: a paused service goes on taking ordinary sessions. */
    PAUSED_TAKES_SESSIONS("I2"),
    /** Rule 9: MANUAL and DISABLED services come back RUNNING after a restart. */
    MANUAL_COMES_BACK_RUNNING("I5"),
    /** Rule 4: a forced stop leaves the sessions on the OFFLINE service. */
    FORCED_STOP_KEEPS_SESSIONS("I1"),
    /** Rule 9: a forced restart drops sessions without recording their interruption. */
    RESTART_LOSES_SESSIONS_SILENTLY("I3"),
    /** Rule 12: the capacity guard is not applied. */
    NO_CAPACITY_GUARD("I7"),
    /** Rule 13: the quorum guard is not applied. */
    NO_QUORUM_GUARD("R13"),
    /** Rule 16: anyone may end a session that exists. */
    ANYONE_MAY_END_SESSIONS("I8"),
    /** Rule 8: a passed pause deadline is ignored. */
    IGNORES_DEADLINES("R8");

    private final String caughtBy;

    PlantedBug(String caughtBy) {
        this.caughtBy = caughtBy;
    }

    String caughtBy() {
        return caughtBy;
    }

    /** The real rules with this bug planted. */
    Decider in(Rules rules) {
        return (d, c) -> plant(rules, d, c);
    }

    private Decision plant(Rules rules, Deployment d, Command c) {
        Decision real = rules.decide(d, c);
        return switch (this) {
            case FORGETS_DRAINED -> without(real, e -> e instanceof ServiceDrained);
            case PAUSED_TAKES_SESSIONS -> c instanceof Command.Connect cn && real instanceof Decision.Accepted
                    ? pausedHost(rules, d, cn)
                    .<Decision>map(s -> accepted(new SessionStarted(cn.at(), s.server(), s.name(), cn.session(),
                            cn.feature(), cn.act().by().name())))
                    .orElse(real) : real;
            case MANUAL_COMES_BACK_RUNNING -> map(real, e -> e instanceof ServiceRestarted r
                    ? new ServiceRestarted(r.at(), r.server(), r.service(), r.from(), ServiceStatus.RUNNING,
                    r.pauseCleared()) : e);
            case FORCED_STOP_KEEPS_SESSIONS -> c instanceof Command.Stop
                    ? without(real, e -> e instanceof SessionInterrupted) : real;
            case RESTART_LOSES_SESSIONS_SILENTLY -> c instanceof Command.Restart
                    ? without(real, e -> e instanceof SessionInterrupted) : real;
            case NO_CAPACITY_GUARD -> refusedAs(real, RejectionCode.CAPACITY_GUARD) ? rules.decide(d, forced(c)) : real;
            case NO_QUORUM_GUARD -> refusedAs(real, RejectionCode.QUORUM_GUARD) ? rules.decide(d, forced(c)) : real;
            case ANYONE_MAY_END_SESSIONS -> c instanceof Command.End e && refusedAs(real, RejectionCode.NOT_AUTHORIZED)
                    && d.serviceWithSession(e.session()).isPresent()
                    ? rules.decide(d, new Command.End(e.session(), asAdministrator(e.act()))) : real;
            case IGNORES_DEADLINES -> c instanceof Command.DeadlinePassed
                    ? new Decision.Accepted(List.of(), List.of(), List.of()) : real;
        };
    }

    private static Act asAdministrator(Act act) {
        return new Act(Principal.of(act.by().name(), "Administrators"), act.at(), act.reason());
    }

    /** A paused service of the pool hosting the feature where rule 6's exception does not apply. */
    private static Optional<ServiceState> pausedHost(Rules rules, Deployment d, Command.Connect c) {
        Lookup lookup = new Lookup(rules.catalog());
        return d.serversOf(c.pool()).stream().map(s -> lookup.hostOf(s, c.feature())).flatMap(Optional::stream)
                .filter(s -> s.status().isPaused() && !lookup.takesNewSession(d, s, c.feature())).findFirst();
    }

    private static Command forced(Command c) {
        if (c instanceof Command.Pause p) {
            return new Command.Pause(p.server(), p.service(), p.deadline(), true, p.act());
        } else if (c instanceof Command.Stop s) {
            return new Command.Stop(s.server(), s.service(), true, s.act());
        } else if (c instanceof Command.Restart r) {
            return new Command.Restart(r.server(), true, r.act());
        }
        return c;
    }

    private static boolean refusedAs(Decision d, RejectionCode code) {
        return d instanceof Decision.Rejected r && r.rejection().code() == code;
    }

    private static Decision accepted(Event e) {
        return new Decision.Accepted(List.of(e), List.of(), List.of());
    }

    private static Decision without(Decision d, Predicate<Event> dropped) {
        return map(d, e -> dropped.test(e) ? null : e);
    }

    /** The decision with each event replaced (null drops it). */
    private static Decision map(Decision d, java.util.function.UnaryOperator<Event> f) {
        if (!(d instanceof Decision.Accepted a)) {
            return d;
        }
        List<Event> events = a.events().stream().map(f).filter(java.util.Objects::nonNull).toList();
        return new Decision.Accepted(events, a.outcomes(), a.warnings());
    }
}
