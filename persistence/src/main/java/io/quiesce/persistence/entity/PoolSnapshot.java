package io.quiesce.persistence.entity;

import io.quiesce.event.Event.ServerAdded;
import io.quiesce.pool.PoolState;

import java.util.List;

/**
 * A pool entity's state: the pool's settings and counters, and how each member server was added
 * (its role and services), from which the server and service entities are started.
 */
public record PoolSnapshot(PoolState pool, List<ServerAdded> servers) implements Journaled {
    public PoolSnapshot {
        servers = List.copyOf(servers);
    }
}
