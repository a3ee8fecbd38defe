package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.journal.postgres.PostgresJournal;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The journal backends that tests of the journal's contract run against. A journal is made once
 * ({@link #create}: a directory, or a new database of the private server) and may be opened again
 * from its location, also by a child process.
 */
public enum Backends {
    LEVELDB {
        @Override
        public String create(Path directory, PrivatePostgres.Databases databases) {
            return directory.toString();
        }

        @Override
        public JournalBackend open(String location, boolean sync) throws IOException {
            return JournalStore.open(Path.of(location), sync);
        }
    },
    POSTGRESQL {
        @Override
        public String create(Path directory, PrivatePostgres.Databases databases) {
            return databases.create().url();
        }

        /** Shared, as cluster nodes open it: a child just killed may still hold its session a moment. */
        @Override
        public JournalBackend open(String location, boolean sync) throws IOException {
            return PostgresJournal.open(location, PrivatePostgres.USER, "", sync, false);
        }
    };

    /** Where a new, empty journal is: in {@code directory}, or in a new database of the private server. */
    public abstract String create(Path directory, PrivatePostgres.Databases databases);

    /** Opens the journal at {@code location}; {@code sync}: each commit reaches the disk. */
    public abstract JournalBackend open(String location, boolean sync) throws IOException;

    /** A new, empty journal, syncing. */
    public JournalBackend open(Path directory, PrivatePostgres.Databases databases) throws IOException {
        return open(create(directory, databases), true);
    }
}
