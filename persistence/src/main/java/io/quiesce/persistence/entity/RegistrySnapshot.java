package io.quiesce.persistence.entity;

import io.quiesce.event.Event.PoolCreated;

import java.util.List;

/** The registry's state: every pool ever created, in order, and the number of the last decision it recorded. */
public record RegistrySnapshot(List<PoolCreated> pools, long lastDecision) implements Journaled {
    public RegistrySnapshot {
        pools = List.copyOf(pools);
    }
}
