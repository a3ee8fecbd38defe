package io.quiesce.internal.persistence.entity;

/** Every service has applied the intent. */
public record IntentCompleted(long intent) implements Journaled {
}
