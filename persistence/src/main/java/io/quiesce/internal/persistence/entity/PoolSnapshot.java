package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event.ServerAdded;
import io.quiesce.pool.PoolState;

import java.util.List;

/**
 * A pool entity's state: the pool's settings and counters, how each member server was added
 * (its role and services), from which the server and service entities are started, and its
 * last decision.
 */
public record PoolSnapshot(PoolState pool, List<ServerAdded> servers, LastDecision last) implements Journaled {
    public PoolSnapshot {
        servers = List.copyOf(servers);
        last = LastDecision.orNone(last);
    }
}
