package io.quiesce.persistence.entity;

/**
 * Entries the persistence layer writes besides the core's events: fan-out intents and their
 * acknowledgements, and snapshots.
 */
public sealed interface Journaled permits IntentRecorded, IntentCompleted, IntentApplied, ServiceSnapshot,
        ServerSnapshot, PoolSnapshot, RegistrySnapshot {
}
