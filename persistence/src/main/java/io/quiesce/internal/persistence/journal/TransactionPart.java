package io.quiesce.internal.persistence.journal;

/**
 * An entry that is one part of a transaction spanning several entities' writes. The journal holds a
 * part until all {@link #parts()} of its {@link #transaction()} have arrived, then commits them in
 * one batch. The first entry of a write speaks for the whole write.
 */
public interface TransactionPart {
    /** Names the transaction among those in flight; 0 when the write stands alone. */
    long transaction();

    /** How many writes (entities) the transaction has; 0 or 1 when the write stands alone. */
    int parts();

    /** Where this entry goes among the transaction's entries: they are committed in this order. */
    long order();

    /**
     * The transaction that must be committed before this one (0: none): the one this was decided
     * after, still in flight when this was sent. If it is not committed, neither is this.
     */
    default long after() {
        return 0;
    }
}
