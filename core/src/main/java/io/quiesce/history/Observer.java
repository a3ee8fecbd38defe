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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Watches each step of a replay (state before, events, state after) and keeps the timeline and findings. */
final class Observer {
    private final Catalog catalog;
    final Timeline timeline = new Timeline();
    private final List<Finding> findings = new ArrayList<>();
    /**
     * Active sessions that landed on a paused service because the pool has no DNS load balancing
     * to route them elsewhere (rule 6's exception): only their interruption is for lack of it.
     */
    private final Set<String> notRerouted = new HashSet<>();
    /** Services brought back RUNNING by a restart that cleared their pause, while they still run. */
    private final Map<String, Aftermath> pauseCleared = new HashMap<>();
    /** Services a pool has no RUNNING instance of, while it has none. */
    private final Map<String, Aftermath> noInstance = new HashMap<>();

    /*
     * What one step gathers before it reports: kept between steps and emptied at the start of each,
     * so that the many one-event steps of a long replay allocate none of them.
     */
    private final Map<String, Integer> dnsInterrupted = new LinkedHashMap<>();
    private final Map<String, Integer> forced = new LinkedHashMap<>();
    private final Set<String> acted = new LinkedHashSet<>();
    private final Map<String, Boolean> pausedNow = new HashMap<>();

    /** A finding whose detail tells what followed, counted until the situation ends. */
    private static final class Aftermath {
        final int index;
        final String pool;
        final String service;
        long count;

        Aftermath(int index, String pool, String service) {
            this.index = index;
            this.pool = pool;
            this.service = service;
        }
    }

    Observer(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The findings so far, the situations still going on told up to now. */
    List<Finding> findings() {
        List<Finding> all = new ArrayList<>(findings);
        pauseCleared.values().forEach(a -> all.set(a.index, clearedDetail(all.get(a.index), a.count)));
        noInstance.values().forEach(a -> all.set(a.index, noInstanceDetail(all.get(a.index), a.count)));
        return all;
    }

    void step(Deployment before, List<Event> events, Deployment after) {
        if (events.isEmpty()) {
            return;
        }
        clear(dnsInterrupted);
        clear(forced);
        clear(acted);
        clear(pausedNow);
        for (Event e : events) {
            timeline.seen(e.at());
            if (e instanceof SessionInterrupted si) {
                interrupted(before, after, si, dnsInterrupted, forced);
            } else if (e instanceof Event.ObservedSessionsInterrupted oi) {
                observedInterrupted(before, after, oi, forced);
            } else if (e instanceof ConnectionLost lost) {
                timeline.lost(new Timeline.LostConnection(lost.at(), lost.pool(), lost.feature(), lost.session()));
                noInstance.values().stream().filter(a -> a.pool.equals(lost.pool()) && hosts(a.service, lost.feature()))
                        .forEach(a -> a.count++);
            } else if (e instanceof Event.SessionStarted ss) {
                landed(before, after, ss, pausedNow);
            } else if (e instanceof Event.SessionEnded se) {
                if (!notRerouted.isEmpty()) {
                    notRerouted.remove(se.session());
                }
            } else if (e instanceof ServiceRestarted r && r.pauseCleared()) {
                findings.add(new Finding(FindingCode.PAUSE_CLEARED_BY_RESTART, r.at(), poolOf(after, r.server()),
                        r.server(), r.service(), null));
                pauseCleared.put(r.server() + "\u0000" + r.service(),
                        new Aftermath(findings.size() - 1, null, r.service()));
            }
            ServiceEvent ofService = ServiceEvent.of(e);
            if (ofService != null) {
                Boolean paused = pausedAfter(ofService);
                if (paused != null) {
                    pausedNow.put(ofService.server() + "\u0000" + ofService.service(), paused);
                }
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
                " session(s) of features that need DNS load balancing were interrupted: they had landed on it while"
                        + " it was paused, because the pool does not use DNS load balancing to route them elsewhere.");
        report(forced, FindingCode.FORCED_INTERRUPTION, after, events, " session(s) were interrupted by force.");
        boolean statusChanged = lanes(before, events, after);
        if (statusChanged || !onlyServiceEvents(events)) {
            for (String pool : touchedPools(events, after)) {
                capacityAndQuorum(before, after, pool, events.get(events.size() - 1).at());
            }
        }
        closeAftermaths(after);
    }

    /** Empties a map of the step before; most steps left it empty, and then there is nothing to write. */
    private static void clear(Map<?, ?> map) {
        if (!map.isEmpty()) {
            map.clear();
        }
    }

    private static void clear(Set<?> set) {
        if (!set.isEmpty()) {
            set.clear();
        }
    }

    /** Whether a service is paused after this event of it, or null when the event does not say. */
    private static Boolean pausedAfter(ServiceEvent e) {
        if (e instanceof Event.ServicePaused || e instanceof Event.ServiceDrained
                || e instanceof Event.ServiceDrainingAgain) {
            return true;
        }
        if (e instanceof Event.ServiceResumed || e instanceof Event.ServiceStarted || e instanceof ServiceStopped) {
            return false;
        }
        return e instanceof ServiceRestarted r ? r.to().isPaused() : null;
    }

    /** Rule 6's exception: a session of a DNS-dependent feature that a paused service had to take. */
    private void landed(Deployment before, Deployment after, Event.SessionStarted ss, Map<String, Boolean> pausedNow) {
        ServerState server = before.servers().get(ss.server());
        if (server == null) {
            server = after.server(ss.server()).orElseThrow();
        }
        // Most steps are this one event alone: then no key is built for these lookups.
        Boolean paused = pausedNow.isEmpty() ? null : pausedNow.get(ss.server() + "\u0000" + ss.service());
        if (paused == null) {
            ServiceState was = server.service(ss.service());
            paused = was != null && was.status().isPaused();
        }
        if (paused && !poolHasDnsLb(before, after, server.pool()) && needsDns(server, ss.service(), ss.feature())) {
            notRerouted.add(ss.session());
        }
        Aftermath cleared = pauseCleared.isEmpty() ? null : pauseCleared.get(ss.server() + "\u0000" + ss.service());
        if (cleared != null) {
            cleared.count++;
        }
    }

    private static boolean poolHasDnsLb(Deployment before, Deployment after, String pool) {
        return before.pool(pool).or(() -> after.pool(pool)).map(PoolState::dnsLoadBalancing).orElse(true);
    }

    /** Ends the count of a cleared pause once the service stops running, and of a missing instance once one runs. */
    private void closeAftermaths(Deployment after) {
        if (pauseCleared.isEmpty() && noInstance.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<String, Aftermath>> i = pauseCleared.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<String, Aftermath> entry = i.next();
            String server = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
            ServiceState now = after.server(server).map(s -> s.service(entry.getValue().service)).orElse(null);
            if (now == null || now.status() != ServiceStatus.RUNNING) {
                Aftermath a = entry.getValue();
                findings.set(a.index, clearedDetail(findings.get(a.index), a.count));
                i.remove();
            }
        }
        for (Iterator<Aftermath> i = noInstance.values().iterator(); i.hasNext(); ) {
            Aftermath a = i.next();
            if (after.runningInstances(a.pool, a.service) > 0) {
                findings.set(a.index, noInstanceDetail(findings.get(a.index), a.count));
                i.remove();
            }
        }
    }

    private static Finding clearedDetail(Finding f, long sessions) {
        return withDetail(f, f.service() + " was paused but starts automatically: the restart brought it back"
                + " RUNNING, open to new connections" + (sessions == 0 ? " (none arrived while it ran)."
                : "; it took " + sessions + " new session(s) while it ran."));
    }

    private static Finding noInstanceDetail(Finding f, long lost) {
        return withDetail(f, "pool " + f.pool() + " was left with no RUNNING " + f.service() + ": "
                + (lost == 0 ? "no new connection for its features was lost while none ran."
                : lost + " new connection(s) for its features were lost while none ran."));
    }

    private static Finding withDetail(Finding f, String detail) {
        return new Finding(f.code(), f.at(), f.pool(), f.server(), f.service(), detail);
    }

    private boolean hosts(String service, String feature) {
        return catalog.roles().values().stream().flatMap(r -> r.service(service).stream())
                .anyMatch(w -> w.feature(feature).isPresent());
    }

    /** The pools the events are about, in the order they first come up. */
    private static Set<String> touchedPools(List<Event> events, Deployment after) {
        Set<String> touched = new LinkedHashSet<>();
        for (Event e : events) {
            if (e instanceof Event.PoolEvent pe) {
                touched.add(pe.pool());
            }
            if (e instanceof ServiceEvent se) {
                touched.add(after.server(se.server()).orElseThrow().pool());
            }
            if (e instanceof Event.ServerRestarted sr) {
                touched.add(after.server(sr.server()).orElseThrow().pool());
            }
        }
        return touched;
    }

    /**
     * Whether the step holds only events that change no pool's membership. Then a pool can lose
     * its last RUNNING instance or its quorum only through a service whose status changed: the
     * pool-wide checks are skipped for the many steps (sessions starting and ending) that change none.
     */
    private static boolean onlyServiceEvents(List<Event> events) {
        for (Event e : events) {
            if (!(ServiceEvent.of(e) != null || e instanceof ConnectionLost || e instanceof Event.ServerRestarted
                    || e instanceof Event.DnsLoadBalancingChanged)) {
                return false;
            }
        }
        return true;
    }

    private void interrupted(Deployment before, Deployment after, SessionInterrupted si, Map<String, Integer> dns,
                             Map<String, Integer> forced) {
        // A pool or server created in the same instant is only in {@code after}.
        ServerState server = before.server(si.server()).or(() -> after.server(si.server())).orElseThrow();
        timeline.interrupted(new Timeline.Interruption(si.at(), server.pool(), si.server(), si.service(),
                si.session(), si.feature(), si.cause()));
        String key = si.server() + "\u0000" + si.service();
        if (notRerouted.remove(si.session())) {
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
        if (counts.isEmpty()) {
            return;
        }
        counts.forEach((key, n) -> {
            String[] parts = key.split("\u0000", 2);
            findings.add(new Finding(code, events.get(events.size() - 1).at(), poolOf(after, parts[0]), parts[0],
                    parts[1], n + detail));
        });
    }

    /** Draws the step on the services' lanes; true when a service's status changed (or it is new). */
    private boolean lanes(Deployment before, List<Event> events, Deployment after) {
        boolean statusChanged = false;
        Set<String> seen = events.size() == 1 ? null : new LinkedHashSet<>();
        for (Event e : events) {
            if (e instanceof Event.ServerAdded added) {
                ServerState server = after.server(added.server()).orElseThrow();
                server.services().values().forEach(s -> {
                    Timeline.Lane lane = timeline.lane(s.server(), s.name());
                    lane.status(s.status(), added.at());
                    lane.sessions(0, added.at());
                });
                continue;
            }
            ServiceEvent se = ServiceEvent.of(e);
            if (se != null && (seen == null || seen.add(se.server() + "\u0000" + se.service()))) {
                // A server added in the same instant is not in {@code before}: it starts as installed.
                ServerState server = before.servers().get(se.server());
                ServiceState was = server == null ? null : server.service(se.service());
                if (was == null) {
                    statusChanged = true;
                    was = ServiceState.installed(se.server(), se.service(), e.at());
                }
                ServiceState now = after.servers().get(se.server()).service(se.service());
                Timeline.Lane lane = timeline.lane(se.server(), se.service());
                if (was.status() != now.status()) {
                    statusChanged = true;
                    lane.status(now.status(), e.at());
                }
                if (was.sessionCount() != now.sessionCount()) {
                    lane.sessions(now.sessionCount(), e.at());
                }
            }
        }
        return statusChanged;
    }

    private void capacityAndQuorum(Deployment before, Deployment after, String pool, java.time.Instant at) {
        List<ServerState> was = before.pool(pool).isPresent() ? before.serversOf(pool) : List.of();
        List<ServerState> now = after.serversOf(pool);
        Set<String> services = new LinkedHashSet<>();
        now.forEach(s -> services.addAll(s.services().keySet()));
        for (String service : services) {
            if (before.runningInstances(pool, service) > 0 && after.runningInstances(pool, service) == 0) {
                findings.add(new Finding(FindingCode.NO_RUNNING_INSTANCE, at, pool, null, service, null));
                noInstance.put(pool + "\u0000" + service, new Aftermath(findings.size() - 1, pool, service));
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

    private void act(Event e, Set<String> acted) {
        // Sessions starting and ending, most events, first by their own classes (one comparison each):
        // whether a record implements an interface is a search of its supertypes.
        if (e instanceof Event.SessionStarted || e instanceof Event.SessionEnded
                || !(e instanceof Event.AdministrativeAct a) || a.by() == null) {
            return;
        }
        String server = serverOf(e);
        String what = EventTypes.nameOf(e);
        if (acted.add(what + "\u0000" + server)) {
            String service = e instanceof ServiceEvent se ? se.service() : null;
            timeline.act(new Timeline.AdminAct(e.at(), a.by(), what, server, service, a.reason()));
        }
    }

    /** The server an event names, or null for events of a pool as a whole. */
    private static String serverOf(Event e) {
        if (e instanceof ServiceEvent se) {
            return se.server();
        }
        if (e instanceof Event.ServerEvent se) {
            return se.server();
        }
        return e instanceof Event.ServerAdded a ? a.server() : null;
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
