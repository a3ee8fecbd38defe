package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event.PoolCreated;

import java.util.List;

/** The registry's state: every pool ever created, in order, and its last decision. */
public record RegistrySnapshot(List<PoolCreated> pools, LastDecision last) implements Journaled {
    public RegistrySnapshot {
        pools = List.copyOf(pools);
        last = LastDecision.orNone(last);
    }
}
