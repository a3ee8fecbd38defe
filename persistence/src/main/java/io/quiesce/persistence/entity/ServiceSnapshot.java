package io.quiesce.persistence.entity;

import io.quiesce.service.ServiceState;

/** A service entity's state: the core state and the last intent of its server it applied. */
public record ServiceSnapshot(ServiceState service, long lastIntent) implements Journaled {
}
