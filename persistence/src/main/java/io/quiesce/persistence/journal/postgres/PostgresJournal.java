package io.quiesce.persistence.journal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.quiesce.persistence.journal.JournalBackend;
import io.quiesce.persistence.journal.JournalStore.Deletion;
import io.quiesce.persistence.journal.JournalStore.Entry;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The journal in a PostgreSQL database, through JDBC and a small connection pool: the same contract
 * as the embedded journal. A commit (the {@link io.quiesce.persistence.journal.GroupCommit}'s batch
 * of whole decisions) is one database transaction; it first takes the one row of
 * {@code quiesce_commit}, so commits from every process that shares the database are numbered in the
 * order they commit, and the history reads that order back.
 */
public final class PostgresJournal implements JournalBackend {
    /** Rows fetched at a time when reading an entity or the history. */
    private static final int FETCH = 500;
    /** The advisory lock a process holds while it alone uses the database. */
    private static final long IN_USE_LOCK = 0x5155494553434532L;

    private final String name;
    private final HikariDataSource pool;
    /** Holds the in-use lock for as long as the journal is open (null: shared with other processes). */
    private final Connection holder;
    private final LongAdder batchesWritten = new LongAdder();
    private final LongAdder entriesWritten = new LongAdder();

    private PostgresJournal(String name, HikariDataSource pool, Connection holder) {
        this.name = name;
        this.pool = pool;
        this.holder = holder;
    }

    /**
     * Connects, and creates or updates the tables when the database lacks them. {@code sync}: each
     * commit is on the server's disk before it is acknowledged ({@code synchronous_commit}).
     * {@code alone}: this process is the only one to use the database while it is open (refused if
     * another holds it), as one process owning every entity needs; processes that share the
     * entities out among themselves (cluster mode) share the database instead.
     */
    public static PostgresJournal open(String url, String user, String password, boolean sync, boolean alone)
            throws IOException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setAutoCommit(false);
        // One writer (the group commit), replays of entities that start at once, the history, snapshots.
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(1);
        config.setPoolName("quiesce-journal");
        config.setConnectionInitSql("SET synchronous_commit = " + (sync ? "on" : "off"));
        // One attempt at start: a database that cannot be reached fails the start at once, saying so.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IOException("cannot connect to the journal database " + url + ": " + rootMessage(e)
                    + ". Check the address, user and password, and that the database server is running", e);
        }
        try (Connection c = pool.getConnection()) {
            PostgresSchema.apply(c);
        } catch (SQLException | IOException e) {
            pool.close();
            throw new IOException("cannot prepare the journal tables in " + url + ": " + rootMessage(e), e);
        }
        Connection holder = null;
        if (alone) {
            try {
                holder = holdInUseLock(pool);
            } catch (SQLException | IOException e) {
                pool.close();
                throw e instanceof IOException io ? io
                        : new IOException("cannot lock the journal database " + url + ": " + rootMessage(e), e);
            }
        }
        return new PostgresJournal(url, pool, holder);
    }

    /** Takes the in-use lock on a connection kept out of the pool; the database releases it if this process dies. */
    private static Connection holdInUseLock(HikariDataSource pool) throws SQLException, IOException {
        Connection c = pool.getConnection();
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, IN_USE_LOCK);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw new IOException("the journal database is in use by another process: wait for it to finish,"
                            + " or give this one another database");
                }
            }
            c.commit();
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The connection pool, which the snapshot store shares. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void commit(List<List<Entry>> transactions, List<Deletion> deletions) throws IOException {
        int entries = transactions.stream().mapToInt(List::size).sum();
        try (Connection c = pool.getConnection()) {
            try {
                long commit = reserveCommits(c, transactions.size());
                Map<String, Long> highest = new HashMap<>();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO quiesce_entry"
                        + " (persistence_id, sequence_nr, commit_nr, commit_index, entry) VALUES (?, ?, ?, ?, ?)")) {
                    for (List<Entry> transaction : transactions) {
                        commit++;
                        for (int i = 0; i < transaction.size(); i++) {
                            Entry e = transaction.get(i);
                            insert.setString(1, e.persistenceId());
                            insert.setLong(2, e.sequenceNr());
                            insert.setLong(3, commit);
                            insert.setInt(4, i);
                            insert.setBytes(5, e.bytes());
                            insert.addBatch();
                            highest.merge(e.persistenceId(), e.sequenceNr(), Math::max);
                        }
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement up = c.prepareStatement("INSERT INTO quiesce_highest (persistence_id, sequence_nr)"
                        + " VALUES (?, ?) ON CONFLICT (persistence_id) DO UPDATE"
                        + " SET sequence_nr = greatest(quiesce_highest.sequence_nr, excluded.sequence_nr)")) {
                    for (Map.Entry<String, Long> h : highest.entrySet()) {
                        up.setString(1, h.getKey());
                        up.setLong(2, h.getValue());
                        up.addBatch();
                    }
                    up.executeBatch();
                }
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM quiesce_entry WHERE persistence_id = ? AND sequence_nr <= ?")) {
                    for (Deletion d : deletions) {
                        delete.setString(1, d.persistenceId());
                        delete.setLong(2, d.toSequenceNr());
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot write to the journal database: " + rootMessage(e), e);
        }
        batchesWritten.increment();
        entriesWritten.add(entries);
    }

    /** Takes the commit row (held until this transaction ends) and {@code count} numbers; returns the last before them. */
    private static long reserveCommits(Connection c, int count) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE quiesce_commit SET last_commit = last_commit + ? RETURNING last_commit")) {
            st.setInt(1, count);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) - count;
            }
        }
    }

    @Override
    public long highestSequenceNr(String persistenceId) throws IOException {
        return read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT sequence_nr FROM quiesce_highest WHERE persistence_id = ?")) {
                st.setString(1, persistenceId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void replay(String persistenceId, long from, long to, long max, Consumer<byte[]> each) throws IOException {
        if (max <= 0) {
            return;
        }
        read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT entry FROM quiesce_entry WHERE persistence_id = ?"
                    + " AND sequence_nr BETWEEN ? AND ? ORDER BY sequence_nr LIMIT ?")) {
                st.setFetchSize(FETCH);
                st.setString(1, persistenceId);
                st.setLong(2, Math.max(from, 0));
                st.setLong(3, to);
                st.setLong(4, max);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs.getBytes(1));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void readInCommitOrder(Consumer<byte[]> each) throws IOException {
        read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT entry FROM quiesce_entry ORDER BY commit_nr, commit_index")) {
                st.setFetchSize(FETCH);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs.getBytes(1));
                    }
                }
            }
            return null;
        });
    }

    /** Runs {@code query} in a read transaction of its own (which a fetch size needs to stream). */
    private <T> T read(Query<T> query) throws IOException {
        try (Connection c = pool.getConnection()) {
            try {
                return query.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the journal database: " + rootMessage(e), e);
        }
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public long batchesWritten() {
        return batchesWritten.sum();
    }

    @Override
    public long entriesWritten() {
        return entriesWritten.sum();
    }

    /** Releases the in-use lock and closes the pool: by then the actor system that used it has stopped. */
    @Override
    public void close() {
        if (holder != null) {
            // Released here, at once: the server would release it only once it has seen the session end.
            try (holder; PreparedStatement st = holder.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                st.setLong(1, IN_USE_LOCK);
                st.execute();
                holder.commit();
            } catch (SQLException ignored) {
                // Closing the pool ends the session, which releases the lock anyway.
            }
        }
        pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
