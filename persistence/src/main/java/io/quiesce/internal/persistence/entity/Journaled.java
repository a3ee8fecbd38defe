package io.quiesce.internal.persistence.entity;

/**
 * Entries the persistence layer writes: numbered decisions (a server's whole ones among them), and
 * snapshots. Directories of earlier versions also hold fan-out intents and their acknowledgements,
 * and, from before decisions were numbered, the core's events bare and {@link IntentApplied}
 * entries; all are still read.
 */
public sealed interface Journaled permits DecisionRecorded, ServerDecisionRecorded, IntentRecorded, IntentCompleted,
        IntentApplied, ServiceSnapshot, ServerSnapshot, PoolSnapshot, RegistrySnapshot {
}
