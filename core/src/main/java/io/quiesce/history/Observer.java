package io.quiesce.history;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.DrainDeadlinePassed;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.EventTypes;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Deployment;
import io.quiesce.server.Quorum;
import io.quiesce.server.ServerState;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Watches each step of a replay (state before, events, state after) and keeps the timeline and findings. */
final class Observer {
    private final Catalog catalog;
    final Timeline timeline = new Timeline();
    final List<Finding> findings = new ArrayList<>();

    Observer(Catalog catalog) {
        this.catalog = catalog;
    }

    void step(Deployment before, List<Event> events, Deployment after) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Integer> dnsInterrupted = new LinkedHashMap<>();
        Map<String, Integer> forced = new LinkedHashMap<>();
        Set<String> touchedPools = new LinkedHashSet<>();
        Set<String> acted = new LinkedHashSet<>();
        for (Event e : events) {
            timeline.seen(e.at());
            if (e instanceof Event.PoolEvent pe) {
                touchedPools.add(pe.pool());
            }
            if (e instanceof ServiceEvent se) {
                touchedPools.add(after.server(se.server()).orElseThrow().pool());
            }
            if (e instanceof Event.ServerRestarted sr) {
                touchedPools.add(after.server(sr.server()).orElseThrow().pool());
            }
            if (e instanceof SessionInterrupted si) {
                interrupted(before, after, si, dnsInterrupted, forced);
            } else if (e instanceof Event.ObservedSessionsInterrupted oi) {
                observedInterrupted(before, after, oi, forced);
            } else if (e instanceof ConnectionLost lost) {
                timeline.lost(new Timeline.LostConnection(lost.at(), lost.pool(), lost.feature(), lost.session()));
            } else if (e instanceof ServiceRestarted r && r.pauseCleared()) {
                findings.add(new Finding(FindingCode.PAUSE_CLEARED_BY_RESTART, r.at(), poolOf(after, r.server()),
                        r.server(), r.service(), r.service() + " was paused but starts automatically: the restart"
                        + " brought it back RUNNING and it took new connections again."));
            }
            if (e instanceof ServiceStopped || e instanceof ServiceRestarted || e instanceof DrainDeadlinePassed) {
                ServiceEvent se = (ServiceEvent) e;
                ServiceState was = before.server(se.server()).map(s -> s.service(se.service())).orElse(null);
                if (was != null && was.status() == ServiceStatus.PAUSING && was.hasSessions()) {
                    findings.add(new Finding(FindingCode.DRAIN_INCOMPLETE, e.at(), poolOf(after, se.server()),
                            se.server(), se.service(), se.service() + " was still draining with " + was.sessionCount()
                            + " session(s) when it was " + endedBy(e) + "."));
                }
            }
            act(e, acted);
        }
        report(dnsInterrupted, FindingCode.INTERRUPTED_WITHOUT_DNS_LB, after, events,
                " session(s) of features that need DNS load balancing were interrupted: the pool does not use it,"
                        + " so they had not been re-routed.");
        report(forced, FindingCode.FORCED_INTERRUPTION, after, events, " session(s) were interrupted by force.");
        lanes(before, events, after);
        for (String pool : touchedPools) {
            capacityAndQuorum(before, after, pool, events.get(events.size() - 1).at());
        }
    }

    private void interrupted(Deployment before, Deployment after, SessionInterrupted si, Map<String, Integer> dns,
                             Map<String, Integer> forced) {
        // A pool or server created in the same instant is only in {@code after}.
        ServerState server = before.server(si.server()).or(() -> after.server(si.server())).orElseThrow();
        timeline.interrupted(new Timeline.Interruption(si.at(), server.pool(), si.server(), si.service(),
                si.session(), si.feature(), si.cause()));
        String key = si.server() + "\u0000" + si.service();
        boolean poolHasDnsLb = before.pool(server.pool()).or(() -> after.pool(server.pool()))
                .map(PoolState::dnsLoadBalancing).orElse(true);
        if (!poolHasDnsLb && needsDns(server, si.service(), si.feature())) {
            dns.merge(key, 1, Integer::sum);
        }
        if (si.cause() != InterruptionCause.DRAIN_DEADLINE) {
            forced.merge(key, 1, Integer::sum);
        }
    }

    /** Observed sessions have no feature, so they never count as interrupted for lack of DNS load balancing. */
    private void observedInterrupted(Deployment before, Deployment after, Event.ObservedSessionsInterrupted oi,
                                     Map<String, Integer> forced) {
        ServerState server = before.server(oi.server()).or(() -> after.server(oi.server())).orElseThrow();
        timeline.interrupted(new Timeline.Interruption(oi.at(), server.pool(), oi.server(), oi.service(), null,
                null, oi.cause(), oi.sessions()));
        if (oi.cause() != InterruptionCause.DRAIN_DEADLINE) {
            forced.merge(oi.server() + "\u0000" + oi.service(), oi.sessions(), Integer::sum);
        }
    }

    private boolean needsDns(ServerState server, String service, String feature) {
        return catalog.role(server.role()).flatMap(r -> r.service(service)).flatMap(w -> w.feature(feature))
                .map(Feature::needsDnsLoadBalancing).orElse(false);
    }

    private void report(Map<String, Integer> counts, FindingCode code, Deployment after, List<Event> events,
                        String detail) {
        counts.forEach((key, n) -> {
            String[] parts = key.split("\u0000", 2);
            findings.add(new Finding(code, events.get(events.size() - 1).at(), poolOf(after, parts[0]), parts[0],
                    parts[1], n + detail));
        });
    }

    private void lanes(Deployment before, List<Event> events, Deployment after) {
        Set<String> seen = new LinkedHashSet<>();
        for (Event e : events) {
            if (e instanceof Event.ServerAdded added) {
                ServerState server = after.server(added.server()).orElseThrow();
                server.services().values().forEach(s -> {
                    Timeline.Lane lane = timeline.lane(s.server(), s.name());
                    lane.status(s.status(), added.at());
                    lane.sessions(0, added.at());
                });
            } else if (e instanceof ServiceEvent se && seen.add(se.server() + "\u0000" + se.service())) {
                // A server added in the same instant is not in {@code before}: it starts as installed.
                ServiceState was = before.server(se.server()).map(s -> s.service(se.service()))
                        .orElseGet(() -> ServiceState.installed(se.server(), se.service(), e.at()));
                ServiceState now = after.server(se.server()).orElseThrow().service(se.service());
                Timeline.Lane lane = timeline.lane(se.server(), se.service());
                if (was.status() != now.status()) {
                    lane.status(now.status(), e.at());
                }
                if (was.sessionCount() != now.sessionCount()) {
                    lane.sessions(now.sessionCount(), e.at());
                }
            }
        }
    }

    private void capacityAndQuorum(Deployment before, Deployment after, String pool, java.time.Instant at) {
        List<ServerState> was = before.pool(pool).isPresent() ? before.serversOf(pool) : List.of();
        List<ServerState> now = after.serversOf(pool);
        Set<String> services = new LinkedHashSet<>();
        now.forEach(s -> services.addAll(s.services().keySet()));
        for (String service : services) {
            if (running(was, service) > 0 && running(now, service) == 0) {
                findings.add(new Finding(FindingCode.NO_RUNNING_INSTANCE, at, pool, null, service, "pool " + pool
                        + " was left with no RUNNING " + service + ": new connections for its features were lost."));
            }
        }
        if (!now.isEmpty() && now.size() == was.size()) {
            int required = Quorum.required(now.size());
            long upBefore = was.stream().filter(ServerState::isUp).count();
            long upAfter = now.stream().filter(ServerState::isUp).count();
            if (upBefore >= required && upAfter < required) {
                findings.add(new Finding(FindingCode.QUORUM_LOST, at, pool, null, null, "only " + upAfter + " of "
                        + now.size() + " servers of " + pool + " were up, below its quorum of " + required + "."));
            }
        }
    }

    private static long running(List<ServerState> servers, String service) {
        return servers.stream().map(s -> s.service(service))
                .filter(s -> s != null && s.status() == ServiceStatus.RUNNING).count();
    }

    private void act(Event e, Set<String> acted) {
        String by = field(e, "by");
        if (by == null || e instanceof Event.SessionStarted || e instanceof Event.SessionEnded
                || e instanceof ConnectionLost) {
            return;
        }
        String server = field(e, "server");
        String what = EventTypes.nameOf(e);
        if (acted.add(what + "\u0000" + server)) {
            String service = e instanceof ServiceEvent se ? se.service() : null;
            timeline.act(new Timeline.AdminAct(e.at(), by, what, server, service, field(e, "reason")));
        }
    }

    private static String field(Event e, String name) {
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    Object value = c.getAccessor().invoke(e);
                    return value == null ? null : value.toString();
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return null;
    }

    private static String endedBy(Event e) {
        if (e instanceof ServiceStopped) {
            return "stopped";
        }
        return e instanceof ServiceRestarted ? "restarted" : "cut off by its pause deadline";
    }

    private static String poolOf(Deployment d, String server) {
        return d.server(server).map(ServerState::pool).orElse(null);
    }
}
