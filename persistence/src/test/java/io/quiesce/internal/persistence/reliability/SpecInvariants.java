package io.quiesce.internal.persistence.reliability;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * invariants I1-I6 (docs/behaviour.md) judged on what a reopened data directory holds: its state, and its history (every
 * recorded event, in order), which is folded again to see what each event met.
 */
public final class SpecInvariants {
    private SpecInvariants() {
    }

    /** A description of each violation; empty when all hold. */
    public static List<String> check(Catalog catalog, Deployment state, List<Event> history) {
        List<String> violations = new ArrayList<>();
        for (ServerState server : state.servers().values()) {
            for (ServiceState s : server.services().values()) {
                if (s.status() == ServiceStatus.OFFLINE && s.hasSessions()) {
                    violations.add("I1: " + name(s) + " is OFFLINE with sessions " + s.sessions().keySet());
                }
                if ((s.status() == ServiceStatus.DRAINED) != (s.status().isPaused() && !s.hasSessions())) {
                    violations.add("I4: " + name(s) + " is " + s.status() + " with " + s.sessionCount() + " sessions");
                }
            }
        }
        Set<String> gone = new HashSet<>();
        Deployment d = Deployment.empty();
        for (Event e : history) {
            if (e instanceof SessionStarted s) {
                ServiceState service = d.server(s.server()).orElseThrow().service(s.service());
                if (!takesNewSession(catalog, d, service, s.feature())) {
                    violations.add("I2: " + name(service) + " took " + s.session() + " (" + s.feature() + ") while "
                            + service.status());
                }
            } else if (e instanceof ServiceRestarted r) {
                ServiceState service = d.server(r.server()).orElseThrow().service(r.service());
                ServiceStatus expected = service.startup() == StartupType.AUTOMATIC ? ServiceStatus.RUNNING
                        : ServiceStatus.OFFLINE;
                if (r.to() != expected) {
                    violations.add("I5: " + name(service) + " with startup " + service.startup() + " came back "
                            + r.to());
                }
            } else if (e instanceof SessionEnded s) {
                gone.add(s.session());
            } else if (e instanceof SessionInterrupted s) {
                if (s.cause() == null) {
                    violations.add("I3: " + s.session() + " was interrupted without a cause");
                }
                gone.add(s.session());
            }
            d = d.evolve(e);
        }
        for (Event e : history) {
            if (e instanceof SessionStarted s && !gone.contains(s.session()) && !state.server(s.server())
                    .map(server -> server.service(s.service()).sessions().containsKey(s.session())).orElse(false)) {
                violations.add("I3: " + s.session() + " started on " + s.server() + " and disappeared silently");
            }
        }
        if (!d.equals(state)) {
            violations.add("I6: the state folded from the history differs from the state recovered");
        }
        return violations;
    }

    /** Rule 6: RUNNING takes it; a paused service only when the pool cannot re-route the feature. */
    private static boolean takesNewSession(Catalog catalog, Deployment d, ServiceState service, String feature) {
        ServerState server = d.server(service.server()).orElseThrow();
        boolean needsDnsLoadBalancing = catalog.role(server.role()).flatMap(r -> r.hostOf(feature))
                .flatMap(w -> w.feature(feature)).map(Feature::needsDnsLoadBalancing).orElse(false);
        boolean notRerouted = !d.pool(server.pool()).orElseThrow().dnsLoadBalancing() && needsDnsLoadBalancing;
        return service.status() == ServiceStatus.RUNNING || service.status().isPaused() && notRerouted;
    }

    static String name(ServiceState s) {
        return s.name() + " on " + s.server();
    }
}
