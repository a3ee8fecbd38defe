package io.quiesce.persistence;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceException;
import io.quiesce.event.Event;
import io.quiesce.persistence.journal.postgres.PostgresJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event of a journal database, in commit order, read without holding the database or any
 * pool: what a node of a cluster starts its event stream with while other nodes write.
 */
public final class DatabaseHistory {
    private DatabaseHistory() {
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
