package io.quiesce.internal.persistence;

import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.EarlierFormat;
import io.quiesce.internal.persistence.journal.EntryFormat;
import io.quiesce.internal.persistence.journal.JournalStore;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Converts, on first opening, a journal written by Pekko's own LevelDB journal (before this
 * version) into ours. Its entities' entries had no common order; the history put them in one by
 * time, then decision number, then registry before pools before servers before services (so a pool
 * or server exists before what happens on it), then each entity's order. That order becomes their
 * commit order, once, so the history reads as it did.
 */
final class EarlierJournals {
    private EarlierJournals() {
    }

    private record Placed(JournalStore.Entry entry, Instant at, long decision, int rank) {
    }

    static void convertIfPresent(JournalStore store) throws IOException {
        if (!EarlierFormat.present(store)) {
            return;
        }
        EarlierFormat.Earlier earlier = EarlierFormat.read(store);
        List<Placed> placed = new ArrayList<>();
        for (JournalStore.Entry e : earlier.entries()) {
            Object payload = EntryFormat.payload(e.bytes());
            List<? extends Event> events = JournalEntries.historyEvents(payload);
            // An entry that adds nothing to the history goes first among its entity's, where it does no harm.
            Instant at = events.isEmpty() ? Instant.MIN : events.get(0).at();
            placed.add(new Placed(e, at, JournalEntries.decision(payload), rank(e.persistenceId())));
        }
        placed.sort(Comparator.comparing(Placed::at).thenComparingLong(Placed::decision)
                .thenComparingInt(Placed::rank).thenComparing(p -> p.entry().persistenceId())
                .thenComparingLong(p -> p.entry().sequenceNr()));
        EarlierFormat.convert(store, placed.stream().map(Placed::entry).toList(), earlier.highest());
    }

    private static int rank(String persistenceId) {
        if (persistenceId.startsWith("registry")) {
            return 0;
        } else if (persistenceId.startsWith("pool|")) {
            return 1;
        }
        return persistenceId.startsWith("server|") ? 2 : 3;
    }
}
