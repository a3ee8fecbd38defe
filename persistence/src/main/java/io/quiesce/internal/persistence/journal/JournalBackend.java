package io.quiesce.internal.persistence.journal;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a journal's entries are kept: the embedded LevelDB ({@link JournalStore}) or PostgreSQL.
 * Every backend keeps the contract described in this package: a commit writes whole transactions
 * and deletions all together or not at all, each transaction under the next number of one commit
 * order; only the {@link GroupCommit} writer commits, reads come from any thread.
 */
public interface JournalBackend extends AutoCloseable {
    /** The name {@link OpenStores} knows this backend by (a directory, a database address). */
    String name();

    /** Writes whole transactions, each under the next commit number, and the deletions: all of it or none. */
    void commit(List<List<JournalStore.Entry>> transactions, List<JournalStore.Deletion> deletions) throws IOException;

    /** The highest sequence number ever written for the entity (0: none), deleted entries included. */
    long highestSequenceNr(String persistenceId) throws IOException;

    /** Hands {@code each} the entity's entries from {@code from} to {@code to}, at most {@code max}, in order. */
    void replay(String persistenceId, long from, long to, long max, Consumer<byte[]> each) throws IOException;

    /** Hands {@code each} every entry in commit order (within a commit, in its order). */
    void readInCommitOrder(Consumer<byte[]> each) throws IOException;

    /** Commits written since opening: one sync each when syncing. */
    long batchesWritten();

    /** Entries written since opening. */
    long entriesWritten();

    /** Waits for reads and writes under way, then releases what the backend holds. */
    @Override
    void close();
}
