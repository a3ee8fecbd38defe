package io.quiesce.cli.cluster;

import io.quiesce.JournalDatabase;
import io.quiesce.persistence.PoolDirectory;

import java.util.Set;
import java.util.TreeSet;

/** The pools created in the journal database, whichever process created them, read without opening any. */
public final class DatabasePools {
    private DatabasePools() {
    }

    public static Set<String> of(JournalDatabase db) {
        return new TreeSet<>(PoolDirectory.pools(db));
    }
}
