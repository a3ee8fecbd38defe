package io.quiesce.formats.decision;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.ObservedSessionsInterrupted;
import io.quiesce.event.Event.PauseDeadlineChanged;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.ServiceOutcome;
import io.quiesce.rules.Warning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of a decided command, as the command line prints them with {@code --json}:
 * what a pool, server or session command did, per-service outcomes, interrupted sessions,
 * warnings and refusals. Maps and lists ready for {@link io.quiesce.formats.json.JsonText#write}.
 */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** {@code pool create}. */
    public static Map<String, Object> poolCreated(Command.CreatePool c) {
        return pool(c.pool(), c.dnsLoadBalancing(), true, List.of());
    }

    /** {@code pool set POOL --dns-load-balancing}. */
    public static Map<String, Object> dnsLoadBalancing(Command.SetDnsLoadBalancing c, Decision.Accepted a) {
        return pool(c.pool(), c.on(), !a.changedNothing(), a.warnings());
    }

    private static Map<String, Object> pool(String pool, boolean dnsLoadBalancing, boolean changed,
                                            List<Warning> warnings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool);
        json.put("dnsLoadBalancing", dnsLoadBalancing);
        json.put("changed", changed);
        json.put("warnings", warnings(warnings));
        return json;
    }

    /** {@code server add}: the server and its services with their short names. */
    public static Map<String, Object> serverAdded(ServerAdded added, List<Warning> warnings, ShortNames names) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", added.pool());
        json.put("server", added.server());
        json.put("role", added.role());
        json.put("services", added.services().stream().<Object>map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s);
            m.put("shortName", names.of(added.server(), s));
            return m;
        }).toList());
        json.put("warnings", warnings(warnings));
        return json;
    }

    /** {@code connect}: where the session went. */
    public static Map<String, Object> connected(SessionStarted s) {
        return session(s.session(), s.server(), s.service());
    }

    /** {@code connect} that no server took: the session, nowhere. */
    public static Map<String, Object> lost(ConnectionLost lost) {
        return session(lost.session(), null, null);
    }

    /** {@code end}: where the session was, and whether its service drained with it. */
    public static Map<String, Object> ended(SessionEnded e, boolean drained) {
        Map<String, Object> json = session(e.session(), e.server(), e.service());
        json.put("drained", drained);
        return json;
    }

    private static Map<String, Object> session(String session, String server, String service) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("session", session);
        json.put("server", server);
        json.put("service", service);
        return json;
    }

    /** A command on a server's services: one outcome per service addressed, interruptions, warnings. */
    public static Map<String, Object> outcomes(Command command, String server, Decision.Accepted a,
                                               ShortNames names) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", server);
        json.put("outcomes", a.outcomes().stream().<Object>map(o -> outcome(command, a, o, names)).toList());
        json.put("interrupted", interrupted(a.events()));
        json.put("warnings", warnings(a.warnings()));
        return json;
    }

    private static Map<String, Object> outcome(Command command, Decision.Accepted a, ServiceOutcome o,
                                               ShortNames names) {
        Map<String, Object> m = outcome(o, names);
        if (command instanceof Command.SetStartup s) {
            Optional<StartupTypeChanged> e = serviceEvent(a, StartupTypeChanged.class, o);
            m.put("startupFrom", e.map(x -> x.from().name()).orElse(s.type().name()));
            m.put("startupTo", s.type().name());
        } else if (command instanceof Command.Restart) {
            m.put("pauseCleared", serviceEvent(a, ServiceRestarted.class, o).map(ServiceRestarted::pauseCleared)
                    .orElse(false));
        } else if (command instanceof Command.Pause) {
            // a pause of a paused service moves (or clears) its deadline in place
            Optional<PauseDeadlineChanged> moved = serviceEvent(a, PauseDeadlineChanged.class, o);
            m.put("deadline", moved.isPresent() ? moved.map(PauseDeadlineChanged::deadline).map(Object::toString)
                    .orElse(null) : serviceEvent(a, ServicePaused.class, o).map(ServicePaused::deadline)
                    .map(Object::toString).orElse(null));
            m.put("deadlineChanged", moved.isPresent());
        }
        return m;
    }

    /** One service's outcome: before, after, whether it changed and why not. */
    public static Map<String, Object> outcome(ServiceOutcome o, ShortNames names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", o.service());
        m.put("shortName", names.of(o.server(), o.service()));
        m.put("before", o.before().name());
        m.put("after", o.after().name());
        m.put("changed", o.changed());
        m.put("note", o.note());
        return m;
    }

    /** The sessions the events interrupted. */
    public static List<Object> interrupted(List<Event> events) {
        List<Object> list = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof SessionInterrupted i) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("session", i.session());
                m.put("server", i.server());
                m.put("service", i.service());
                m.put("feature", i.feature());
                m.put("cause", i.cause().name());
                list.add(m);
            } else if (e instanceof ObservedSessionsInterrupted i) {
                // counted sessions have no ids: the count stands for them
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("observed", i.sessions());
                m.put("server", i.server());
                m.put("service", i.service());
                m.put("cause", i.cause().name());
                list.add(m);
            }
        }
        return list;
    }

    /** The warnings a decision gave, each with its code and sentence. */
    public static List<Object> warnings(List<Warning> warnings) {
        return warnings.stream().<Object>map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", w.code().name());
            m.put("message", w.message());
            return m;
        }).toList();
    }

    /** A refusal as code and message; null stays null. */
    public static Map<String, Object> rejection(Rejection r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code().name());
        m.put("message", r.message());
        return m;
    }

    private static <T extends Event.ServiceEvent> Optional<T> serviceEvent(Decision.Accepted a, Class<T> type,
                                                                          ServiceOutcome o) {
        return a.events().stream().filter(type::isInstance).map(type::cast)
                .filter(e -> e.server().equals(o.server()) && e.service().equals(o.service())).findFirst();
    }
}
