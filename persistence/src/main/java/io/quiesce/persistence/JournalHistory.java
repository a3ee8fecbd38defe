package io.quiesce.persistence;

import io.quiesce.QuiesceException;
import io.quiesce.event.Event;
import io.quiesce.persistence.entity.DecisionRecorded;
import io.quiesce.persistence.entity.IntentRecorded;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every event of a data directory, read back from all the entities' journals and put in one
 * order: by time, then by decision number (the order the gatekeeper decided them in, across
 * entities), then the events of one decision as decided. Entries written before decisions were
 * numbered count as decision 0 (they came first) and fall back to registry before pools before
 * servers before services (so a pool or server exists before what happens on it), then journal order.
 */
final class JournalHistory {
    private JournalHistory() {
    }

    private record Recorded(Event event, long decision, int rank, String persistenceId, long sequenceNr,
                            int index) {
    }

    static List<Event> read(ActorSystem<?> system, Duration timeout) {
        LeveldbReadJournal journal = PersistenceQuery.get(Adapter.toClassic(system))
                .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier());
        List<Recorded> all = new ArrayList<>();
        for (String id : await(journal.currentPersistenceIds().runWith(Sink.seq(), system), timeout)) {
            int rank = rank(id);
            for (EventEnvelope envelope : await(journal.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE)
                    .runWith(Sink.seq(), system), timeout)) {
                Object entry = envelope.event();
                List<? extends Event> events = List.of();
                long decision = 0;
                if (entry instanceof Event e) {
                    events = List.of(e);
                } else if (entry instanceof DecisionRecorded d) {
                    decision = d.decision();
                    // A service's part of an intent is also in its server's intent, in the decision's order.
                    events = d.intent() != 0 && d.decision() != 0 ? List.of() : d.events();
                } else if (entry instanceof IntentRecorded intent) {
                    decision = intent.decision();
                    // Before decisions were numbered, services' parts of an intent were read from their journals.
                    events = decision != 0 ? intent.events()
                            : intent.events().stream().filter(e -> e instanceof Event.ServerEvent).toList();
                }
                for (int i = 0; i < events.size(); i++) {
                    all.add(new Recorded(events.get(i), decision, rank, id, envelope.sequenceNr(), i));
                }
            }
        }
        all.sort(Comparator.comparing((Recorded r) -> r.event().at()).thenComparingLong(Recorded::decision)
                .thenComparingInt(Recorded::rank).thenComparing(Recorded::persistenceId)
                .thenComparingLong(Recorded::sequenceNr).thenComparingInt(Recorded::index));
        return all.stream().map(Recorded::event).toList();
    }

    private static int rank(String persistenceId) {
        if (persistenceId.startsWith("registry")) {
            return 0;
        } else if (persistenceId.startsWith("pool|")) {
            return 1;
        }
        return persistenceId.startsWith("server|") ? 2 : 3;
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuiesceException("interrupted while reading the journal", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new QuiesceException("cannot read the journal: " + e, e);
        }
    }
}
