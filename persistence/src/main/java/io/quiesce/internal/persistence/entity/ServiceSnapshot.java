package io.quiesce.internal.persistence.entity;

import io.quiesce.service.ServiceState;

/** A service entity's state: the core state, the last intent of its server it applied, and its last decision. */
public record ServiceSnapshot(ServiceState service, long lastIntent, LastDecision last) implements Journaled {
    public ServiceSnapshot {
        last = LastDecision.orNone(last);
    }
}
