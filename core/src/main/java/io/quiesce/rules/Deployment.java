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
import io.quiesce.service.ServiceStatus;
import io.quiesce.text.Names;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every pool, server and service, as rebuilt from events. Immutable: {@link #evolve} returns the
 * next deployment. A value of its pools and servers ({@link #equals}, {@link #hashCode},
 * {@link #toString}); it also keeps an index of the active sessions derived from them.
 */
public final class Deployment {
    private final Map<String, PoolState> pools;
    private final Map<String, ServerState> servers;
    private final SessionIndex sessions;

    /**
     * @param pools   pools by name
     * @param servers servers by name (server names are unique across pools)
     */
    public Deployment(Map<String, PoolState> pools, Map<String, ServerState> servers) {
        this.pools = Collections.unmodifiableMap(byName(pools));
        this.servers = Collections.unmodifiableMap(byName(servers));
        // Here (recovery, tests) from every session; evolve keeps it up to date change by change.
        this.sessions = SessionIndex.of(this.servers);
    }

    private Deployment(Map<String, PoolState> pools, Map<String, ServerState> servers, SessionIndex sessions) {
        this.pools = pools;
        this.servers = servers;
        this.sessions = sessions;
    }

    /** Names are looked up in any case ({@link Names}). */
    private static <T> TreeMap<String, T> byName(Map<String, T> values) {
        TreeMap<String, T> map = new TreeMap<>(Names.ORDER);
        map.putAll(values);
        return map;
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
            ServiceState service = servers.get(e.server()).service(e.service());
            return replacing(service, service.evolve(e), sessionOf(e));
        } else if (event instanceof PoolCreated e) {
            return withPool(PoolState.created(e.pool(), e.dnsLoadBalancing()));
        } else if (event instanceof ServerAdded e) {
            Map<String, ServiceState> services = new java.util.LinkedHashMap<>();
            e.services().forEach(name -> services.put(name, ServiceState.installed(e.server(), name, e.at())));
            return withPool(pools.get(e.pool()).evolve(e))
                    .withNewServer(new ServerState(e.server(), e.pool(), e.role(), e.coreService(), services));
        } else if (event instanceof PoolEvent e) {
            return withPool(pools.get(e.pool()).evolve(e));
        } else if (event instanceof ServerRestarted) {
            // The per-service outcomes are recorded as ServiceRestarted events.
            return this;
        }
        throw new IllegalArgumentException("unknown event: " + event);
    }

    public Map<String, PoolState> pools() {
        return pools;
    }

    public Map<String, ServerState> servers() {
        return servers;
    }

    public Optional<PoolState> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    public Optional<ServerState> server(String name) {
        return Optional.ofNullable(servers.get(name));
    }

    /** The servers of a pool, in the order routing breaks ties in ({@link Names#ORDER}). */
    public List<ServerState> serversOf(String pool) {
        return pools.get(pool).servers().stream().map(servers::get)
                .sorted(java.util.Comparator.comparing(ServerState::name, Names.ORDER)).toList();
    }

    /**
     * How many servers of the pool have this service RUNNING, taking new connections: what the
     * capacity guard keeps above zero. None in a pool that does not exist.
     */
    public long runningInstances(String pool, String service) {
        if (!pools.containsKey(pool)) {
            return 0;
        }
        return serversOf(pool).stream().map(s -> s.service(service))
                .filter(s -> s != null && s.status() == ServiceStatus.RUNNING).count();
    }

    /** The service holding an active session with this id. */
    public Optional<ServiceState> serviceWithSession(String session) {
        return sessions.holder(session, servers);
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
        Deployment down = this;
        for (ServiceState s : servers.get(name).services().values()) {
            down = down.replacing(s, new ServiceState(s.server(), s.name(), ServiceStatus.OFFLINE, s.startup(),
                    Map.of(), null, s.since()), null);
        }
        return down;
    }

    /** This deployment with one service's state replaced, as recovered by its own entity. */
    public Deployment withService(ServiceState service) {
        return replacing(servers.get(service.server()).service(service.name()), service, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deployment d && pools.equals(d.pools) && servers.equals(d.servers);
    }

    @Override
    public int hashCode() {
        return 31 * pools.hashCode() + servers.hashCode();
    }

    @Override
    public String toString() {
        return "Deployment[pools=" + pools + ", servers=" + servers + "]";
    }

    /** The one session a service event can start or end, or null for the other service events. */
    private static String sessionOf(ServiceEvent event) {
        return event instanceof Event.SessionEvent e ? e.session() : null;
    }

    /**
     * This deployment with a service changed from {@code before} (null if it is new) to {@code after};
     * {@code session}, if not null, is the only session that can have started or ended.
     */
    private Deployment replacing(ServiceState before, ServiceState after, String session) {
        Map<String, ServerState> next = byName(servers);
        next.put(after.server(), next.get(after.server()).withService(after));
        Map<String, ServerState> nextServers = Collections.unmodifiableMap(next);
        return new Deployment(pools, nextServers, sessions.changed(before, after, session, nextServers));
    }

    private Deployment withPool(PoolState pool) {
        Map<String, PoolState> next = byName(pools);
        next.put(pool.name(), pool);
        return new Deployment(Collections.unmodifiableMap(next), servers, sessions);
    }

    /** A server with idle services; one of that name already here loses its sessions first. */
    private Deployment withNewServer(ServerState server) {
        Deployment d = this;
        ServerState old = servers.get(server.name());
        if (old != null) {
            for (ServiceState s : old.services().values()) {
                d = d.replacing(s, new ServiceState(s.server(), s.name(), s.status(), s.startup(), Map.of(),
                        s.deadline(), s.since()), null);
            }
        }
        Map<String, ServerState> next = byName(d.servers);
        next.put(server.name(), server);
        return new Deployment(d.pools, Collections.unmodifiableMap(next), d.sessions);
    }
}
