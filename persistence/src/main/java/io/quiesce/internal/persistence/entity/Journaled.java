package io.quiesce.internal.persistence.entity;

/**
 * Entries the persistence layer writes: numbered decisions, fan-out intents and their
 * acknowledgements, and snapshots. (Journals written before decisions were numbered hold the
 * core's events bare, and {@link IntentApplied} entries; both are still read.)
 */
public sealed interface Journaled permits DecisionRecorded, IntentRecorded, IntentCompleted, IntentApplied,
        ServiceSnapshot, ServerSnapshot, PoolSnapshot, RegistrySnapshot {
}
