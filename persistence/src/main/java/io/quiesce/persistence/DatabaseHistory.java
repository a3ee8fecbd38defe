package io.quiesce.persistence;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceException;
import io.quiesce.event.Event;
import io.quiesce.persistence.entity.RolloutEntity;
import io.quiesce.persistence.journal.postgres.PostgresJournal;
import io.quiesce.rollout.RolloutEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event of a journal database, in commit order, and every pool's rollout steps, read without
 * holding the database or any pool: what a node of a cluster starts its event stream with, and
 * prints the history with, while other nodes write.
 */
public final class DatabaseHistory {
    private DatabaseHistory() {
    }

    /**
     * Every pool's rollout steps, oldest first, by pool.
     *
     * @throws QuiesceException when the database cannot be read
     */
    public static Map<String, List<RolloutEvent>> rollouts(JournalDatabase database) {
        Map<String, List<RolloutEvent>> byPool = new LinkedHashMap<>();
        try (PostgresJournal journal = PostgresJournal.open(database.url(), database.user(), database.password(),
                false, false)) {
            for (String pool : PoolDirectory.pools(database)) {
                List<RolloutEvent> steps = new ArrayList<>();
                journal.replay(RolloutEntity.persistenceId(pool).id(), 1, Long.MAX_VALUE, Long.MAX_VALUE, bytes -> {
                    try {
                        steps.add((RolloutEvent) JournalEntries.read(bytes).payload());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                byPool.put(pool, List.copyOf(steps));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new QuiesceException("cannot read the rollouts of the journal database " + database.url() + ": "
                    + e.getMessage(), e);
        }
        return byPool;
    }

    /** @throws QuiesceException when the database cannot be read */
    public static List<Event> read(JournalDatabase database) {
        List<Event> all = new ArrayList<>();
        try (PostgresJournal journal = PostgresJournal.open(database.url(), database.user(), database.password(),
                false, false)) {
            journal.readInCommitOrder(bytes -> {
                try {
                    all.addAll(JournalEntries.historyEvents(JournalEntries.read(bytes).payload()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new QuiesceException("cannot read the history of the journal database " + database.url() + ": "
                    + e.getMessage(), e);
        }
        return all;
    }
}
