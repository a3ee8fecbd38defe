package io.quiesce.persistence.journal;

import io.quiesce.persistence.JournalDatabase;
import io.quiesce.persistence.journal.postgres.PostgresJournal;
import io.quiesce.persistence.journal.postgres.PrivatePostgres;

import java.io.IOException;
import java.nio.file.Path;

/** The journal backends that tests of the journal's contract run against, each opened empty. */
public enum Backends {
    LEVELDB {
        @Override
        public JournalBackend open(Path directory, PrivatePostgres.Databases databases) throws IOException {
            return JournalStore.open(directory, true);
        }
    },
    POSTGRESQL {
        @Override
        public JournalBackend open(Path directory, PrivatePostgres.Databases databases) throws IOException {
            JournalDatabase db = databases.create();
            return PostgresJournal.open(db.url(), db.user(), db.password(), true, true);
        }
    };

    /** A new, empty journal: in {@code directory}, or in a new database of the private server. */
    public abstract JournalBackend open(Path directory, PrivatePostgres.Databases databases) throws IOException;
}
