package io.quiesce.internal.persistence.entity;

/**
 * Written by a service together with the events of an intent, in one atomic batch, so a
 * redelivered intent is recognised and ignored. Only in journals written before decisions were
 * numbered: a {@link DecisionRecorded} entry now carries the intent number itself.
 */
public record IntentApplied(long intent) implements Journaled {
}
