package io.quiesce.pool;

import io.quiesce.event.Event;

import java.util.List;
import java.util.Objects;

/**
 * A pool's own settings and members.
 *
 * @param servers         member servers, in the order they were added
 * @param lostConnections connections no server of the pool took (rule 11)
 */
public record PoolState(String name, boolean dnsLoadBalancing, List<String> servers, long lostConnections) {
    /** Refuses a missing name; copies the server list. */
    public PoolState {
        Objects.requireNonNull(name, "name");
        servers = List.copyOf(servers);
    }

    public static PoolState created(String name, boolean dnsLoadBalancing) {
        return new PoolState(name, dnsLoadBalancing, List.of(), 0);
    }

    /** Folds one of this pool's events after its creation. */
    public PoolState evolve(Event.PoolEvent event) {
        if (event instanceof Event.DnsLoadBalancingChanged e) {
            return withDnsLoadBalancing(e.dnsLoadBalancing());
        } else if (event instanceof Event.ServerAdded e) {
            return withServer(e.server());
        } else if (event instanceof Event.ConnectionLost) {
            return withLostConnection();
        }
        throw new IllegalArgumentException("not a pool event: " + event);
    }

    public PoolState withDnsLoadBalancing(boolean on) {
        return new PoolState(name, on, servers, lostConnections);
    }

    public PoolState withServer(String server) {
        List<String> next = new java.util.ArrayList<>(servers);
        next.add(server);
        return new PoolState(name, dnsLoadBalancing, next, lostConnections);
    }

    public PoolState withLostConnection() {
        return new PoolState(name, dnsLoadBalancing, servers, lostConnections + 1);
    }
}
