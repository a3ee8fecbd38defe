package io.quiesce.internal.persistence.journal;

/**
 * Published on the actor system's event stream when every part of {@code transaction} has reached
 * the journal (it is then committed in turn). A writer that sends another transaction only after
 * hearing this keeps Pekko from answering the writes of the first behind the second: Pekko answers a
 * journal's writes in the order they arrived, and a part of the second that an entity holds back
 * until its write of the first is answered would otherwise never arrive.
 */
public record TransactionWhole(long transaction) {
}
