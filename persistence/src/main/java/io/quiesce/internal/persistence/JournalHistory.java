package io.quiesce.internal.persistence;

import io.quiesce.QuiesceException;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.EntryFormat;
import io.quiesce.internal.persistence.journal.OpenStores;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event of a data directory, in the journal's commit order: the order in which decisions
 * were committed, each decision's events as decided. No merge: one sequence orders the whole
 * directory (journals of the earlier format were put in that order when first opened, see
 * {@link EarlierJournals}).
 */
final class JournalHistory {
    private JournalHistory() {
    }

    static List<Event> read(ActorSystem<?> system, Duration timeout) {
        List<Event> all = new ArrayList<>();
        try {
            OpenStores.get(system.settings().config().getString(PekkoConfig.STORE_KEY)).readInCommitOrder(bytes -> {
                try {
                    all.addAll(JournalEntries.historyEvents(EntryFormat.payload(bytes)));
                } catch (IOException e) {
                    throw new QuiesceException("cannot read the journal: " + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new QuiesceException("cannot read the journal: " + e.getMessage(), e);
        }
        return all;
    }
}
