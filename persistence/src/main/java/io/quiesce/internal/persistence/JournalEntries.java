package io.quiesce.internal.persistence;

import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.entity.IntentRecorded;
import io.quiesce.internal.persistence.entity.ServerDecisionRecorded;
import io.quiesce.internal.persistence.journal.EntryFormat;

import java.util.List;

/**
 * What a journal entry means for the history, read straight from its bytes, with no actor system:
 * the same for entries of the earlier journal and of ours (see {@link EntryFormat}).
 */
final class JournalEntries {
    private JournalEntries() {
    }

    /**
     * The events an entry adds to the history. A service's part of a decision its server recorded
     * whole (or, in directories of earlier versions, of a server's intent) is left out: the server's
     * entry holds it in the decision's order. Before decisions were numbered, an intent held the
     * services' parts too, but the history took them from the services.
     */
    static List<? extends Event> historyEvents(Object entry) {
        if (entry instanceof Event e) {
            return List.of(e);
        } else if (entry instanceof ServerDecisionRecorded whole) {
            return whole.events();
        } else if (entry instanceof DecisionRecorded d) {
            return d.inServerEntry() || d.intent() != 0 && d.decision() != 0 ? List.of() : d.events();
        } else if (entry instanceof IntentRecorded intent) {
            return intent.decision() != 0 ? intent.events()
                    : intent.events().stream().filter(e -> e instanceof Event.ServerEvent).toList();
        }
        return List.of();
    }

    /** The decision number of an entry (0: none, or written before decisions were numbered). */
    static long decision(Object entry) {
        if (entry instanceof DecisionRecorded d) {
            return d.decision();
        }
        return entry instanceof IntentRecorded intent ? intent.decision() : 0;
    }
}
