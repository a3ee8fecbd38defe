package io.quiesce.persistence.entity;

import io.quiesce.event.Event.ServerAdded;
import io.quiesce.pool.PoolState;

import java.util.List;

/**
 * A pool entity's state: the pool's settings and counters, how each member server was added
 * (its role and services), from which the server and service entities are started, and the
 * number of the last decision it recorded.
 */
public record PoolSnapshot(PoolState pool, List<ServerAdded> servers, long lastDecision) implements Journaled {
    public PoolSnapshot {
        servers = List.copyOf(servers);
    }
}
