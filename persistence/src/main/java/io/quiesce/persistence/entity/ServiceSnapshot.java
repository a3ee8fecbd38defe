package io.quiesce.persistence.entity;

import io.quiesce.service.ServiceState;

/**
 * A service entity's state: the core state, the last intent of its server it applied, and the
 * number of the last decision it recorded.
 */
public record ServiceSnapshot(ServiceState service, long lastIntent, long lastDecision) implements Journaled {
}
