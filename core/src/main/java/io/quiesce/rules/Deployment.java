package io.quiesce.rules;

import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.PoolEvent;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServerRestarted;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.pool.PoolState;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every pool, server and service, as rebuilt from events. Immutable: {@link #evolve} returns the
 * next deployment.
 *
 * @param pools   pools by name
 * @param servers servers by name (server names are unique across pools)
 */
public record Deployment(Map<String, PoolState> pools, Map<String, ServerState> servers) {
    public Deployment {
        pools = Collections.unmodifiableMap(new TreeMap<>(pools));
        servers = Collections.unmodifiableMap(new TreeMap<>(servers));
    }

    public static Deployment empty() {
        return new Deployment(Map.of(), Map.of());
    }

    /** Folds the events in order. */
    public Deployment evolve(List<? extends Event> events) {
        Deployment next = this;
        for (Event e : events) {
            next = next.evolve(e);
        }
        return next;
    }

    public Deployment evolve(Event event) {
        if (event instanceof ServiceEvent e) {
            ServerState server = servers.get(e.server());
            ServiceState service = server.service(e.service());
            return withServer(server.withService(service.evolve(e)));
        } else if (event instanceof PoolCreated e) {
            return withPool(PoolState.created(e.pool(), e.dnsLoadBalancing()));
        } else if (event instanceof ServerAdded e) {
            Map<String, ServiceState> services = new java.util.LinkedHashMap<>();
            e.services().forEach(name -> services.put(name, ServiceState.installed(e.server(), name, e.at())));
            return withPool(pools.get(e.pool()).evolve(e))
                    .withServer(new ServerState(e.server(), e.pool(), e.role(), e.coreService(), services));
        } else if (event instanceof PoolEvent e) {
            return withPool(pools.get(e.pool()).evolve(e));
        } else if (event instanceof ServerRestarted) {
            // The per-service outcomes are recorded as ServiceRestarted events.
            return this;
        }
        throw new IllegalArgumentException("unknown event: " + event);
    }

    public Optional<PoolState> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    public Optional<ServerState> server(String name) {
        return Optional.ofNullable(servers.get(name));
    }

    /** The servers of a pool, in the order they were added. */
    public List<ServerState> serversOf(String pool) {
        return pools.get(pool).servers().stream().map(servers::get).toList();
    }

    /** The service holding an active session with this id. */
    public Optional<ServiceState> serviceWithSession(String session) {
        for (ServerState server : servers.values()) {
            for (ServiceState service : server.services().values()) {
                if (service.sessions().containsKey(session)) {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }

    /** Every service with a pause deadline still to come, earliest first. */
    public List<ServiceState> pendingDeadlines() {
        List<ServiceState> pending = new ArrayList<>();
        servers.values().forEach(s -> s.services().values().stream()
                .filter(svc -> svc.deadline() != null).forEach(pending::add));
        pending.sort(java.util.Comparator.comparing(ServiceState::deadline));
        return pending;
    }

    /** The earliest pending pause deadline, if any. */
    public Optional<Instant> nextDeadline() {
        return pendingDeadlines().stream().findFirst().map(ServiceState::deadline);
    }

    /** This deployment as it is while the server reboots: every service of it OFFLINE. */
    Deployment withServerDown(String name) {
        ServerState server = servers.get(name);
        ServerState down = server;
        for (ServiceState s : server.services().values()) {
            down = down.withService(new ServiceState(s.server(), s.name(), io.quiesce.service.ServiceStatus.OFFLINE,
                    s.startup(), Map.of(), null, s.since()));
        }
        return withServer(down);
    }

    /** This deployment with one service's state replaced, as recovered by its own entity. */
    public Deployment withService(ServiceState service) {
        return withServer(servers.get(service.server()).withService(service));
    }

    private Deployment withPool(PoolState pool) {
        Map<String, PoolState> next = new TreeMap<>(pools);
        next.put(pool.name(), pool);
        return new Deployment(next, servers);
    }

    private Deployment withServer(ServerState server) {
        Map<String, ServerState> next = new TreeMap<>(servers);
        next.put(server.name(), server);
        return new Deployment(pools, next);
    }
}
