package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.journal.JournalStore.Entry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The one writer of a {@link JournalStore}. Whole transactions queue here; the writer thread takes
 * all that wait, commits them in one batch with one sync, completes them, and goes again: what
 * arrives during a sync rides in the next commit. Parts of a transaction wait in
 * {@link OpenTransactions} until the transaction is whole.
 *
 * <p>A transaction may name another that must be committed before it ({@code after}): one decided
 * on what the other changes, sent before the other was committed. It is committed only once the
 * other is (in the same commit, behind it, or a later one), and fails if the other fails, or if the
 * other is not committed within the part timeout of this one becoming whole: so it never lands
 * without what it was decided on. Each transaction that becomes whole is told to a listener, so that
 * a writer can wait for it before sending the next (see {@link TransactionWhole}).
 */
final class GroupCommit implements AutoCloseable {
    /** Bounds one commit, so one huge backlog does not make one huge batch in memory. */
    static final int MAX_ENTRIES_PER_COMMIT = 20_000;
    /** How often the writer looks for transactions whose parts did not all arrive in time. */
    private static final long EXPIRY_CHECK_MILLIS = 100;
    /**
     * Transactions last committed, remembered for those that follow them. One that follows another
     * is sent while the other is in flight, so the other is at most a few commits old when looked up.
     */
    static final int REMEMBERED_COMMITS = 1024;

    /** An entry and where it goes among its transaction's entries. */
    record Ordered(Entry entry, long order) {
    }

    /** One write (one entity's part of a transaction), completed once its transaction is committed or failed. */
    record Part(List<Ordered> entries, CompletableFuture<Void> done) {
    }

    private sealed interface Work {
        int size();
    }

    /** {@code id} 0: it stands alone; {@code after} 0: it follows none. */
    private record Transaction(long id, long after, List<Part> parts) implements Work {
        public int size() {
            return parts.stream().mapToInt(p -> p.entries().size()).sum();
        }
    }

    private record Parked(Transaction transaction, long deadline) {
    }

    private record Delete(JournalStore.Deletion deletion, CompletableFuture<Void> done) implements Work {
        public int size() {
            return 1;
        }
    }

    /** Writes one commit, all of it or none, and syncs it (a {@link JournalStore} does). */
    interface Commits {
        void commit(List<List<Entry>> transactions, List<JournalStore.Deletion> deletions) throws IOException;
    }

    private final Commits store;
    /** Told the id of each transaction (not one standing alone) once it is whole. */
    private final LongConsumer whole;
    private final Object lock = new Object();
    private final OpenTransactions<Part> open;
    private final List<Work> ready = new ArrayList<>();
    /** Whole transactions waiting for the one they follow, by its id; each with its deadline. */
    private final Map<Long, List<Parked>> parked = new HashMap<>();
    private final long partTimeoutNanos;
    private final long[] committed = new long[REMEMBERED_COMMITS];
    private int committedNext;
    private final Thread writer;
    private boolean stopping;

    GroupCommit(Commits store, Duration partTimeout) {
        this(store, partTimeout, t -> { });
    }

    GroupCommit(Commits store, Duration partTimeout, LongConsumer whole) {
        this.store = store;
        this.whole = whole;
        this.partTimeoutNanos = partTimeout.toNanos();
        this.open = new OpenTransactions<>(partTimeoutNanos);
        this.writer = new Thread(this::run, "quiesce-journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues one write, part {@code transaction} of {@code parts} (0 or 1: on its own). */
    CompletableFuture<Void> write(long transaction, int parts, List<Ordered> entries) {
        return write(transaction, parts, 0, entries);
    }

    /**
     * Queues one write, part {@code transaction} of {@code parts} (0 or 1: on its own), committed only
     * once transaction {@code after} is (0: none). Every part of a transaction names the same one.
     */
    CompletableFuture<Void> write(long transaction, int parts, long after, List<Ordered> entries) {
        Part part = new Part(entries, new CompletableFuture<>());
        List<Transaction> failed = new ArrayList<>();
        boolean becameWhole = false;
        synchronized (lock) {
            if (stopping) {
                part.done().completeExceptionally(new IOException("the journal is closing"));
                return part.done();
            }
            OpenTransactions.Outcome<Part> outcome = open.add(transaction, parts, part, System.nanoTime());
            if (outcome instanceof OpenTransactions.Whole<Part> w) {
                becameWhole = true;
                whole(new Transaction(transaction, after, w.parts()), failed);
            } else if (outcome instanceof OpenTransactions.Refused<Part>) {
                part.done().completeExceptionally(incomplete(transaction));
            }
            // Waiting: committed with the part that completes it.
        }
        failAll(failed, FOLLOWS_A_FAILED_ONE);
        if (becameWhole && transaction != 0) {
            whole.accept(transaction);
        }
        return part.done();
    }

    /** Under the lock: queues a whole transaction, parks it behind the one it follows, or fails it. */
    private void whole(Transaction t, List<Transaction> failed) {
        if (t.after() == 0 || wasCommitted(t.after()) || isReady(t.after())) {
            // Behind the one it follows when that one still waits: the writer fails it if that one fails.
            ready.add(t);
            lock.notifyAll();
        } else if (open.hasFailed(t.after())) {
            fail(t, failed);
        } else {
            parked.computeIfAbsent(t.after(), a -> new ArrayList<>())
                    .add(new Parked(t, System.nanoTime() + partTimeoutNanos));
        }
    }

    /** Under the lock: fails {@code t} and, in turn, every transaction parked behind it. */
    private void fail(Transaction t, List<Transaction> failed) {
        failed.add(t);
        if (t.id() != 0) {
            open.failed(t.id());
            failBehind(t.id(), failed);
        }
    }

    /** Under the lock: fails every transaction parked behind {@code transaction}, and those behind them. */
    private void failBehind(long transaction, List<Transaction> failed) {
        List<Parked> behind = parked.remove(transaction);
        if (behind != null) {
            behind.forEach(p -> fail(p.transaction(), failed));
        }
    }

    private boolean wasCommitted(long transaction) {
        for (int i = 1; i <= REMEMBERED_COMMITS; i++) {
            long c = committed[Math.floorMod(committedNext - i, REMEMBERED_COMMITS)];
            if (c == transaction) {
                return true;
            }
        }
        return false;
    }

    private boolean isReady(long transaction) {
        for (Work w : ready) {
            if (w instanceof Transaction t && t.id() == transaction) {
                return true;
            }
        }
        return false;
    }

    CompletableFuture<Void> delete(String persistenceId, long toSequenceNr) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            ready.add(new Delete(new JournalStore.Deletion(persistenceId, toSequenceNr), done));
            lock.notifyAll();
        }
        return done;
    }

    private void run() {
        while (true) {
            List<Work> batch = new ArrayList<>();
            List<Transaction> followsFailed = new ArrayList<>();
            synchronized (lock) {
                long now = System.nanoTime();
                List<OpenTransactions.Expired<Part>> expired = open.expire(now);
                List<Transaction> unfollowed = expireParked(now);
                if (ready.isEmpty() && expired.isEmpty() && unfollowed.isEmpty()) {
                    if (stopping) {
                        List<Transaction> left = new ArrayList<>();
                        open.failAll().forEach(parts -> left.add(new Transaction(0, 0, parts)));
                        parked.values().forEach(ps -> ps.forEach(p -> left.add(p.transaction())));
                        parked.clear();
                        failAll(left, "the journal closed before the decision was whole, or before the one it"
                                + " follows was recorded");
                        return;
                    }
                    try {
                        lock.wait(EXPIRY_CHECK_MILLIS);
                    } catch (InterruptedException e) {
                        stopping = true;
                    }
                    continue;
                }
                List<Transaction> failed = new ArrayList<>();
                for (OpenTransactions.Expired<Part> e : expired) {
                    failBehind(e.transaction(), failed);
                    failAll(List.of(new Transaction(e.transaction(), 0, e.parts())),
                            "its other parts did not arrive in time");
                }
                for (Transaction t : unfollowed) {
                    fail(t, failed);
                }
                followsFailed.addAll(failed);
                int entries = 0;
                while (!ready.isEmpty() && (batch.isEmpty() || entries + ready.get(0).size() <= MAX_ENTRIES_PER_COMMIT)) {
                    Work next = ready.remove(0);
                    if (next instanceof Transaction t && t.after() != 0 && open.hasFailed(t.after())) {
                        fail(t, followsFailed); // what it was decided on was not recorded
                        continue;
                    }
                    entries += next.size();
                    batch.add(next);
                }
            }
            failAll(followsFailed, FOLLOWS_A_FAILED_ONE);
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
    }

    /** Under the lock: parked transactions whose deadline passed before the one they follow was committed. */
    private List<Transaction> expireParked(long now) {
        List<Transaction> expired = new ArrayList<>();
        for (Iterator<List<Parked>> it = parked.values().iterator(); it.hasNext(); ) {
            List<Parked> behind = it.next();
            behind.removeIf(p -> {
                if (p.deadline() - now <= 0) {
                    expired.add(p.transaction());
                    return true;
                }
                return false;
            });
            if (behind.isEmpty()) {
                it.remove();
            }
        }
        return expired;
    }

    private void commit(List<Work> batch) {
        List<List<Entry>> transactions = new ArrayList<>();
        List<JournalStore.Deletion> deletions = new ArrayList<>();
        for (Work w : batch) {
            if (w instanceof Transaction t) {
                transactions.add(t.parts().stream().flatMap(p -> p.entries().stream())
                        .sorted(Comparator.comparingLong(Ordered::order)).map(Ordered::entry).toList());
            } else if (w instanceof Delete d) {
                deletions.add(d.deletion());
            }
        }
        Throwable failure = null;
        try {
            store.commit(transactions, deletions);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        List<Transaction> followsFailed = new ArrayList<>();
        synchronized (lock) {
            for (Work w : batch) {
                if (w instanceof Transaction t && t.id() != 0) {
                    if (failure == null) {
                        committed[committedNext] = t.id();
                        committedNext = (committedNext + 1) % REMEMBERED_COMMITS;
                        List<Parked> behind = parked.remove(t.id());
                        if (behind != null) {
                            behind.forEach(p -> whole(p.transaction(), followsFailed));
                        }
                    } else {
                        open.failed(t.id());
                        failBehind(t.id(), followsFailed);
                    }
                }
            }
            if (failure != null) {
                // Those queued behind a failed one (a commit holds only so many entries) fail now, in
                // order, rather than when the writer takes them: failures are remembered only so long.
                for (Iterator<Work> it = ready.iterator(); it.hasNext(); ) {
                    if (it.next() instanceof Transaction t && t.after() != 0 && open.hasFailed(t.after())) {
                        it.remove();
                        fail(t, followsFailed);
                    }
                }
            }
        }
        for (Work w : batch) {
            List<CompletableFuture<Void>> done = w instanceof Transaction t
                    ? t.parts().stream().map(Part::done).toList() : List.of(((Delete) w).done());
            for (CompletableFuture<Void> f : done) {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            }
        }
        failAll(followsFailed, FOLLOWS_A_FAILED_ONE);
    }

    private static final String FOLLOWS_A_FAILED_ONE = "the decision it was decided after was not recorded";

    private static void failAll(List<Transaction> transactions, String why) {
        for (Transaction t : transactions) {
            IOException failure = new IOException("a decision's write was not recorded: " + why);
            t.parts().forEach(p -> p.done().completeExceptionally(failure));
        }
    }

    private static IOException incomplete(long transaction) {
        return new IOException("a decision's write was not recorded: transaction " + transaction
                + " already failed because its other parts did not arrive in time");
    }

    /** Commits what is whole, fails what is not, and stops the writer. */
    @Override
    public void close() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
