package io.quiesce.rollout;

import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Role;
import io.quiesce.command.Act;
import io.quiesce.event.Event;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pools for the rollout tests, built from events: every service RUNNING, AUTOMATIC, idle unless told. */
final class Pools {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final Catalog CATALOG = Catalog.defaults();
    static final Role ROLE = CATALOG.role(Catalog.LYNC_2013_FRONT_END).orElseThrow();
    static final String FRONT_END = "Lync Server Front-End";
    static final String CALL_PARK = "Lync Server Call Park";

    private Pools() {
    }

    static Deployment pool(boolean dnsLb, String... servers) {
        List<Event> events = new ArrayList<>();
        events.add(new Event.PoolCreated(T0, "pool1", dnsLb, "alice", null));
        for (String s : servers) {
            events.add(new Event.ServerAdded(T0, "pool1", s, ROLE.name(), ROLE.coreService(), ROLE.serviceNames(),
                    "alice", null));
        }
        return Deployment.empty().evolve(events);
    }

    static Deployment stopped(Deployment d, String server) {
        List<Event> events = new ArrayList<>();
        d.server(server).orElseThrow().services().keySet().forEach(svc ->
                events.add(new Event.ServiceStopped(T0, server, svc, true, "alice", null)));
        return d.evolve(events);
    }

    static Deployment withSession(Deployment d, String server, String service, String id, String feature) {
        return d.evolve(new Event.SessionStarted(T0, server, service, id, feature, "alice"));
    }

    static Deployment manual(Deployment d, String server, String service) {
        return d.evolve(new Event.StartupTypeChanged(T0, server, service, StartupType.AUTOMATIC, StartupType.MANUAL,
                "alice", null));
    }

    static boolean allRunning(Deployment d, String server) {
        return d.server(server).orElseThrow().services().values().stream()
                .allMatch(s -> s.status() == ServiceStatus.RUNNING);
    }

    static Act act(int minute) {
        return new Act(ADMIN, T0.plusSeconds(60L * minute), "KB5031 patch");
    }
}
