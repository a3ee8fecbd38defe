package io.quiesce.internal.persistence;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceException;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.RolloutEntity;
import io.quiesce.internal.persistence.journal.EntryFormat;
import io.quiesce.internal.persistence.journal.postgres.PostgresJournal;
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
public final class DatabaseHistory implements AutoCloseable {
    private final JournalDatabase database;
    private final PostgresJournal journal;

    private DatabaseHistory(JournalDatabase database, PostgresJournal journal) {
        this.database = database;
        this.journal = journal;
    }

    /**
     * Connects to read, for as long as this is open (a small pool of connections of its own).
     *
     * @throws QuiesceException when the database cannot be reached
     */
    public static DatabaseHistory open(JournalDatabase database) {
        try {
            return new DatabaseHistory(database, PostgresJournal.open(database.url(), database.user(),
                    database.password(), false, false));
        } catch (IOException e) {
            throw new QuiesceException("cannot read the journal database " + database.url() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Every pool's rollout steps, oldest first, by pool.
     *
     * @throws QuiesceException when the database cannot be read
     */
    public Map<String, List<RolloutEvent>> rollouts() {
        Map<String, List<RolloutEvent>> byPool = new LinkedHashMap<>();
        try {
            for (String pool : PoolDirectory.pools(database)) {
                List<RolloutEvent> steps = new ArrayList<>();
                journal.replay(RolloutEntity.persistenceId(pool).id(), 1, Long.MAX_VALUE, Long.MAX_VALUE, bytes -> {
                    try {
                        steps.add((RolloutEvent) EntryFormat.payload(bytes));
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

    /**
     * Every recorded event, in commit order.
     *
     * @throws QuiesceException when the database cannot be read
     */
    public List<Event> events() {
        List<Event> all = new ArrayList<>();
        try {
            journal.readInCommitOrder(bytes -> {
                try {
                    all.addAll(JournalEntries.historyEvents(EntryFormat.payload(bytes)));
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

    @Override
    public void close() {
        journal.close();
    }
}
