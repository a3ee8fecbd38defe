package io.quiesce.internal.persistence.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.TransactionPart;

import java.util.List;

/**
 * The events one decision recorded in one entity, with the decision's number. The gatekeeper
 * numbers decisions in the order it decides them, across every entity. {@code intent} is the
 * server's intent number when a service records its part of one (a repeat is then ignored), else 0:
 * only directories written by earlier versions hold intents.
 *
 * <p>{@code transaction} and {@code parts} tell the journal that this entity's write is one of
 * {@code parts} writes, by as many entities, that commit together or not at all (0: it stands
 * alone; left out of the entry then). A batch of session traffic is a transaction even when it
 * writes to one entity ({@code parts} 1), so that a batch sent after it can follow it. Within a
 * transaction, entries commit in decision order.
 *
 * <p>{@code after}: the transaction this one must not be committed without (see
 * {@link TransactionPart#after()}); never stored, as the journal only needs it while writing.
 *
 * <p>{@code inServerEntry}: this is a service's part of a decision that reaches several services of
 * a server (a restart, a whole-server pause); the server's {@link ServerDecisionRecorded}, in the same
 * transaction, holds the whole decision in its order, and the history reads it there.
 */
public record DecisionRecorded(long decision, long intent, List<Event> events,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) long transaction,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) int parts,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean inServerEntry,
                               @JsonIgnore long after)
        implements Journaled, TransactionPart {
    @JsonCreator
    public DecisionRecorded {
        events = List.copyOf(events);
    }

    public DecisionRecorded(long decision, long intent, List<Event> events) {
        this(decision, intent, events, 0, 0, false, 0);
    }

    public static DecisionRecorded of(long decision, List<? extends Event> events) {
        return new DecisionRecorded(decision, 0, List.copyOf(events));
    }

    /** This entry as part of {@code transaction}, which has {@code parts} writes. */
    public DecisionRecorded inTransaction(long transaction, int parts) {
        return inTransaction(transaction, parts, 0);
    }

    /** This entry as part of {@code transaction}, which has {@code parts} writes and follows transaction {@code after}. */
    public DecisionRecorded inTransaction(long transaction, int parts, long after) {
        return new DecisionRecorded(decision, intent, events, transaction, parts, inServerEntry, after);
    }

    /** This entry as a service's part of a decision its server's entry holds whole. */
    public DecisionRecorded asPartOfServerEntry() {
        return new DecisionRecorded(decision, intent, events, transaction, parts, true, after);
    }

    @Override
    public long order() {
        return decision;
    }
}
