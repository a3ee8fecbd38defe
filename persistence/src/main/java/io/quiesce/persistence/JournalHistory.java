package io.quiesce.persistence;

import io.quiesce.event.Event;
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
 * order: by time, then registry before pools before servers before services (so a pool or
 * server exists before what happens on it), then journal order.
 */
final class JournalHistory {
    private JournalHistory() {
    }

    private record Recorded(Event event, int rank, String persistenceId, long sequenceNr, int index) {
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
                if (entry instanceof Event e) {
                    all.add(new Recorded(e, rank, id, envelope.sequenceNr(), 0));
                } else if (entry instanceof IntentRecorded intent) {
                    // The services record their own part of an intent; the server keeps the server-level events.
                    List<Event> own = intent.events().stream().filter(e -> e instanceof Event.ServerEvent).toList();
                    for (int i = 0; i < own.size(); i++) {
                        all.add(new Recorded(own.get(i), rank, id, envelope.sequenceNr(), i));
                    }
                }
            }
        }
        all.sort(Comparator.comparing((Recorded r) -> r.event().at()).thenComparingInt(Recorded::rank)
                .thenComparing(Recorded::persistenceId).thenComparingLong(Recorded::sequenceNr)
                .thenComparingInt(Recorded::index));
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
