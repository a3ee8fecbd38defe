package io.quiesce.internal.persistence.journal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.quiesce.internal.persistence.journal.JournalBackend;
import io.quiesce.internal.persistence.journal.JournalStore.Deletion;
import io.quiesce.internal.persistence.journal.JournalStore.Entry;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The journal in a PostgreSQL database, through JDBC and a small connection pool: the same contract
 * as the embedded journal. A commit (the {@link io.quiesce.internal.persistence.journal.GroupCommit}'s batch
 * of whole decisions) is one database transaction; it first takes the one row of
 * {@code quiesce_commit}, so commits from every process that shares the database are numbered in the
 * order they commit, and the history reads that order back.
 *
 * <p>A journal opened for one pool ({@link #openPool}) shares the database with other processes,
 * each holding other pools. Opening takes the pool's next epoch in {@code quiesce_owner}; every
 * commit then finds that epoch still there, in its own transaction, or fails whole. Once another
 * process has taken the pool over, this journal refuses every later write ({@link #takenOver()}).
 */
public final class PostgresJournal implements JournalBackend {
    /** Rows fetched at a time when reading an entity or the history. */
    private static final int FETCH = 500;
    /**
     * The in-use advisory lock: held exclusively by a process that uses the database alone, shared by
     * the processes that each hold some pools, so neither kind opens while the other is there.
     */
    private static final long IN_USE_LOCK = 0x5155494553434532L;
    /** The prefix of the registry entities' ids: {@code registry|POOL} for a pool opened on its own. */
    private static final String POOL_REGISTRY = "registry|";
    /**
     * A process frozen inside a transaction (stopped, or cut off) would hold the commit row, and with it
     * every other process's commits, until its connection ends: the server ends such a transaction after
     * this long instead. Commits and reads never wait for this process between two statements.
     */
    private static final String FROZEN_TRANSACTION_LIMIT = "5s";
    /** How often a journal holding one pool looks whether another process took it over meanwhile. */
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    /** One thread for the looks of every journal of this process (it may hold many pools). */
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quiesce-pool-takeover");
        t.setDaemon(true);
        return t;
    });

    /** How a journal shares its database with other processes. */
    private enum Sharing {
        /** No in-use lock: a reader beside the processes that hold the database, or several writers in a test. */
        UNLOCKED,
        /** This process alone, holding every pool. */
        ALONE,
        /** This process holds one pool; others hold others. */
        ONE_POOL
    }

    private final String name;
    private final HikariDataSource pool;
    /** Holds the in-use lock for as long as the journal is open (null: no lock). */
    private final Connection holder;
    /** The pool this journal holds on its own (null: every pool), and the epoch it took for it. */
    private final String heldPool;
    private final long epoch;
    /** Completed, with the reason, once another process has taken the pool over. */
    private final CompletableFuture<String> takenOver = new CompletableFuture<>();
    private ScheduledFuture<?> watching;
    private final LongAdder batchesWritten = new LongAdder();
    private final LongAdder entriesWritten = new LongAdder();

    private PostgresJournal(String name, HikariDataSource pool, Connection holder, String heldPool, long epoch) {
        this.name = name;
        this.pool = pool;
        this.holder = holder;
        this.heldPool = heldPool;
        this.epoch = epoch;
    }

    /**
     * Connects, and creates or updates the tables when the database lacks them. {@code sync}: each
     * commit is on the server's disk before it is acknowledged ({@code synchronous_commit}).
     * {@code alone}: this process is the only one to use the database while it is open (refused if
     * another holds it), as one process owning every entity needs; without it, no lock is taken (a
     * reader of the history beside the processes that write, or the journal's contract tests).
     */
    public static PostgresJournal open(String url, String user, String password, boolean sync, boolean alone)
            throws IOException {
        return open(url, user, password, sync, alone ? Sharing.ALONE : Sharing.UNLOCKED, null, null);
    }

    /**
     * Connects to hold {@code pool} only, beside other processes that hold other pools (refused while a
     * process uses the database alone), and takes the pool's next epoch: from then on, a process that
     * held the pool before can commit nothing more. {@code holder} names this process in
     * {@code quiesce_owner}, for whoever looks at who holds a pool.
     */
    public static PostgresJournal openPool(String url, String user, String password, boolean sync, String pool,
                                           String holder) throws IOException {
        return open(url, user, password, sync, Sharing.ONE_POOL, pool, holder);
    }

    private static PostgresJournal open(String url, String user, String password, boolean sync, Sharing sharing,
                                        String heldPool, String holderName) throws IOException {
        String init = "SET synchronous_commit = " + (sync ? "on" : "off");
        // One writer (the group commit), replays of entities that start at once, the history, snapshots.
        // A process holds many pools at once, each with its own journal: fewer connections each.
        HikariDataSource pool = ConnectionPools.open(url, user, password, "quiesce-journal",
                sharing == Sharing.ONE_POOL ? 4 : 6, config -> {
                    config.setConnectionInitSql(sharing == Sharing.ONE_POOL
                            ? init + "; SET idle_in_transaction_session_timeout = '" + FROZEN_TRANSACTION_LIMIT + "'"
                            : init);
                    // Committed at once: left in the transaction the driver opens for it, the settings would be
                    // undone by the first rollback, and a new connection waiting in the pool would be ended as
                    // idle in a transaction.
                    config.setIsolateInternalQueries(true);
                }, "journal tables");
        Connection holder = null;
        try {
            if (sharing != Sharing.UNLOCKED) {
                holder = holdInUseLock(pool, sharing == Sharing.ONE_POOL);
            }
            if (sharing != Sharing.ONE_POOL) {
                return new PostgresJournal(url, pool, holder, null, 0);
            }
            long epoch = takeOver(pool, heldPool, holderName);
            // Unique in this JVM too, where a test may open the same pool twice.
            PostgresJournal journal = new PostgresJournal(url + "#" + heldPool + "@" + epoch, pool, holder, heldPool,
                    epoch);
            journal.watch();
            return journal;
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(holder);
            pool.close();
            throw e instanceof IOException io ? io
                    : new IOException("cannot lock the journal database " + url + ": " + rootMessage(e), e);
        }
    }

    /**
     * Takes the in-use lock on a connection kept for it; the database releases it if this process dies.
     * {@code shared}: beside other processes that hold some pools each.
     */
    private static Connection holdInUseLock(HikariDataSource pool, boolean shared) throws SQLException, IOException {
        Connection c = pool.getConnection();
        try (PreparedStatement st = c.prepareStatement(shared
                ? "SELECT pg_try_advisory_lock_shared(?)" : "SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, IN_USE_LOCK);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw new IOException(shared
                            ? "the journal database is in use by another process that holds every pool: wait for"
                            + " it to finish before pools are held by several processes"
                            : "the journal database is in use by another process: wait for it to finish (or for the"
                            + " processes that hold its pools in cluster mode to stop), or give this one another"
                            + " database");
                }
            }
            c.commit();
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Takes the pool's next epoch (its first: 1), naming this process its holder; returns the epoch. */
    private static long takeOver(HikariDataSource pool, String heldPool, String holderName) throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO quiesce_owner (pool, epoch, holder, since)"
                    + " VALUES (?, 1, ?, now()) ON CONFLICT (pool) DO UPDATE"
                    + " SET epoch = quiesce_owner.epoch + 1, holder = excluded.holder, since = excluded.since"
                    + " RETURNING epoch")) {
                st.setString(1, heldPool);
                st.setString(2, holderName);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long epoch = rs.getLong(1);
                    c.commit();
                    return epoch;
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing the pool ends the session anyway.
            }
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

    /** The pool this journal holds on its own; null when it holds every pool. */
    public String heldPool() {
        return heldPool;
    }

    /**
     * Completes, with the reason, once another process has taken this journal's pool over: from then
     * on it writes nothing. Never completes for a journal that holds every pool.
     */
    public CompletableFuture<String> takenOver() {
        return takenOver;
    }

    /**
     * Checks, inside {@code c}'s transaction, that the pool is still this journal's, and keeps a
     * process taking it over waiting until the transaction ends (a shared row lock on its owner row):
     * what commits here is then in what the next holder reads back. Always true for a journal that
     * holds every pool.
     *
     * @throws IOException when another process holds the pool now (the journal then refuses every
     *                     later write); the caller rolls back
     */
    void checkStillHeld(Connection c) throws SQLException, IOException {
        String refusal = takenOver.getNow(null);
        if (refusal != null) {
            throw new IOException(refusal);
        }
        if (heldPool == null) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM quiesce_owner WHERE pool = ? AND epoch = ? FOR SHARE")) {
            st.setString(1, heldPool);
            st.setLong(2, epoch);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        c.rollback();
        lookWhetherTakenOver(c);
        throw new IOException(takenOver.getNow("pool " + heldPool + " was taken over by another process"));
    }

    /**
     * Reads who holds the pool now and, when it is no longer this journal, completes {@link #takenOver}
     * (in a transaction of its own on {@code c}).
     */
    private void lookWhetherTakenOver(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT epoch, holder FROM quiesce_owner WHERE pool = ?")) {
            st.setString(1, heldPool);
            try (ResultSet rs = st.executeQuery()) {
                String by = "another process";
                if (rs.next()) {
                    if (rs.getLong(1) == epoch) {
                        return;
                    }
                    by = "another process (" + rs.getString(2) + ")";
                }
                takenOver.complete("pool " + heldPool + " was taken over by " + by + ": this process records"
                        + " nothing more for it; send commands to the process that holds the pool now");
            }
        } finally {
            c.rollback();
        }
    }

    /**
     * Also without writing, a process whose pool was taken over hears of it within about a second
     * (then {@link #takenOver} completes): it stops answering with a state that is no longer the pool's.
     */
    private void watch() {
        watching = WATCHER.scheduleWithFixedDelay(() -> {
            if (takenOver.isDone()) {
                return;
            }
            try (Connection c = pool.getConnection()) {
                lookWhetherTakenOver(c);
            } catch (SQLException | RuntimeException e) {
                // The database is out of reach for now: the next look, or the next commit, tells.
            }
        }, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Claims {@code server}'s name for the pool this journal holds, unless another pool has it; returns
     * that other pool. Servers are never removed, so a claim is kept, except {@link #unclaimServer}'s.
     *
     * @throws IOException when the pool was taken over, or the database cannot be written
     */
    public Optional<String> claimServer(String server) throws IOException {
        return transaction(c -> {
            checkStillHeld(c);
            try (PreparedStatement claim = c.prepareStatement("INSERT INTO quiesce_server (server, pool) VALUES (?, ?)"
                    + " ON CONFLICT (server) DO NOTHING")) {
                claim.setString(1, server);
                claim.setString(2, heldPool);
                claim.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("SELECT pool FROM quiesce_server WHERE server = ?")) {
                st.setString(1, server);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    String pool = rs.getString(1);
                    return pool.equals(heldPool) ? Optional.empty() : Optional.of(pool);
                }
            }
        });
    }

    /** Gives back the claim on {@code server} of the pool this journal holds (its server was not added). */
    public void unclaimServer(String server) throws IOException {
        transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM quiesce_server WHERE server = ? AND pool = ?")) {
                st.setString(1, server);
                st.setString(2, heldPool);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Claims the names of servers the pool already has, for a pool whose servers were added by a
     * process that held every pool (and claimed nothing).
     */
    public void claimServers(Collection<String> servers) throws IOException {
        transaction(c -> {
            try (PreparedStatement claim = c.prepareStatement("INSERT INTO quiesce_server (server, pool) VALUES (?, ?)"
                    + " ON CONFLICT (server) DO NOTHING")) {
                for (String server : servers) {
                    claim.setString(1, server);
                    claim.setString(2, heldPool);
                    claim.addBatch();
                }
                claim.executeBatch();
            }
            return null;
        });
    }

    /** Runs {@code work} in a transaction of its own, committed when it returns. */
    private <T> T transaction(Transactions.Work<T> work) throws IOException {
        return Transactions.run(pool, "cannot write to the journal database", work);
    }

    /**
     * The pools created by processes that each held one pool ({@code registry|POOL} entities with
     * entries), by name.
     */
    public List<String> poolsHeldApart() throws IOException {
        return read(PostgresJournal::poolsHeldApart);
    }

    /** {@link #poolsHeldApart()} on a connection of the caller's. */
    public static List<String> poolsHeldApart(Connection c) throws SQLException {
        List<String> pools = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT persistence_id FROM quiesce_highest"
                + " WHERE starts_with(persistence_id, ?) ORDER BY persistence_id")) {
            st.setString(1, POOL_REGISTRY);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pools.add(rs.getString(1).substring(POOL_REGISTRY.length()));
                }
            }
        }
        return pools;
    }

    @Override
    public void commit(List<List<Entry>> transactions, List<Deletion> deletions) throws IOException {
        int entries = transactions.stream().mapToInt(List::size).sum();
        String refusal = takenOver.getNow(null);
        if (refusal != null) {
            throw new IOException(refusal);
        }
        try (Connection c = pool.getConnection()) {
            try {
                checkStillHeld(c);
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
        if (watching != null) {
            watching.cancel(false);
        }
        if (holder != null) {
            // Released here, at once: the server would release it only once it has seen the session end.
            try (holder; PreparedStatement st = holder.prepareStatement(heldPool != null
                    ? "SELECT pg_advisory_unlock_shared(?)" : "SELECT pg_advisory_unlock(?)")) {
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
