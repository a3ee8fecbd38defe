package io.quiesce.pool;

import java.util.List;
import java.util.Objects;

/**
 * A pool's own settings and members.
 *
 * @param servers         member servers, in the order they were added
 * @param lostConnections connections no server of the pool took (rule 11)
 */
public record PoolState(String name, boolean dnsLoadBalancing, List<String> servers, long lostConnections) {
    public PoolState {
        Objects.requireNonNull(name, "name");
        servers = List.copyOf(servers);
    }

    public static PoolState created(String name, boolean dnsLoadBalancing) {
        return new PoolState(name, dnsLoadBalancing, List.of(), 0);
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
