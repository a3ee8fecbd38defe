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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every pool, server and service, as rebuilt from events. Immutable: {@link #evolve} returns the
 * next deployment. A value of its pools and servers ({@link #equals}, {@link #hashCode},
 * {@link #toString}); it also keeps an index of the active sessions derived from them (or builds
 * it when first asked, after {@link #withoutSessionIndex}).
 */
public final class Deployment {
    /** Names are looked up in any case ({@link Names}). */
    private final ByName<PoolState> pools;
    private final ByName<ServerState> servers;
    /**
     * Null in a deployment folded without it ({@link #withoutSessionIndex}) until a question needs
     * it. Built then from the servers and kept: a race between two threads builds the same index
     * twice, and either is published whole (its fields are final), as with {@link String#hashCode}.
     */
    private SessionIndex sessions;

    /**
     * @param pools   pools by name
     * @param servers servers by name (server names are unique across pools)
     */
    public Deployment(Map<String, PoolState> pools, Map<String, ServerState> servers) {
        this.pools = ByName.of(pools);
        this.servers = ByName.of(servers);
        // Here (recovery, tests) from every session; evolve keeps it up to date change by change.
        this.sessions = SessionIndex.of(this.servers);
    }

    private Deployment(ByName<PoolState> pools, ByName<ServerState> servers, SessionIndex sessions) {
        this.pools = pools;
        this.servers = servers;
        this.sessions = sessions;
    }

    public static Deployment empty() {
        return new Deployment(Map.of(), Map.of());
    }

    /**
     * This deployment, folded on by {@link #evolve} without its index of active sessions: keeping
     * that up to date is about a fifth of folding a session's event, and a replay of recorded
     * events asks it nothing. {@link #hasSession} and {@link #serviceWithSession} still answer, by
     * building the index from the services at the first question (once for each deployment), and
     * the deployments folded from one that has built it keep it up to date again.
     */
    public Deployment withoutSessionIndex() {
        return sessions == null ? this : new Deployment(pools, servers, null);
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
        ServiceEvent se = ServiceEvent.of(event);
        if (se != null) {
            ServerState server = servers.get(se.server());
            ServiceState service = server.service(se.service());
            return replacing(server, service, service.evolve(se), sessionOf(se));
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
        return index().holder(session, servers);
    }

    /** Whether a session with this id is active on any service: one lookup, no service found. */
    public boolean hasSession(String session) {
        return index().holds(session);
    }

    private SessionIndex index() {
        SessionIndex index = sessions;
        if (index == null) {
            index = SessionIndex.of(servers);
            sessions = index;
        }
        return index;
    }

    /** Every service with a pause deadline still to come, earliest first. */
    public List<ServiceState> pendingDeadlines() {
        List<ServiceState> pending = new ArrayList<>();
        for (ServerState server : servers.values()) {
            for (ServiceState service : server.services().values()) {
                if (service.deadline() != null) {
                    pending.add(service);
                }
            }
        }
        pending.sort(java.util.Comparator.comparing(ServiceState::deadline));
        return pending;
    }

    /** The earliest pending pause deadline, if any. */
    public Optional<Instant> nextDeadline() {
        // A plain pass: the gatekeeper asks this for every batch it decides.
        Instant earliest = null;
        for (ServerState server : servers.values()) {
            for (ServiceState service : server.services().values()) {
                Instant deadline = service.deadline();
                if (deadline != null && (earliest == null || deadline.isBefore(earliest))) {
                    earliest = deadline;
                }
            }
        }
        return Optional.ofNullable(earliest);
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
        // Sessions starting and ending are most events: a check against a record's own class is one
        // comparison, where one against an interface the record also implements searches its supertypes.
        if (event instanceof Event.SessionStarted e) {
            return e.session();
        }
        if (event instanceof Event.SessionEnded e) {
            return e.session();
        }
        return event instanceof Event.SessionEvent e ? e.session() : null;
    }

    /**
     * This deployment with a service changed from {@code before} (null if it is new) to {@code after};
     * {@code session}, if not null, is the only session that can have started or ended.
     */
    private Deployment replacing(ServiceState before, ServiceState after, String session) {
        return replacing(servers.get(after.server()), before, after, session);
    }

    /** The same, with the server the service is on already found. */
    private Deployment replacing(ServerState server, ServiceState before, ServiceState after, String session) {
        ByName<ServerState> next = servers.with(server.name(), server.withService(after));
        return new Deployment(pools, next, sessions == null ? null : sessions.changed(before, after, session, next));
    }

    private Deployment withPool(PoolState pool) {
        return new Deployment(pools.with(pool.name(), pool), servers, sessions);
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
        return new Deployment(d.pools, d.servers.with(server.name(), server), d.sessions);
    }
}
