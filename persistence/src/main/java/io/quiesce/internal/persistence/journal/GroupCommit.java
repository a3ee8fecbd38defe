package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.journal.JournalStore.Entry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one writer of a {@link JournalStore}. Whole transactions queue here; the writer thread takes
 * all that wait, commits them in one batch with one sync, completes them, and goes again: what
 * arrives during a sync rides in the next commit. Parts of a transaction wait in
 * {@link OpenTransactions} until the transaction is whole.
 */
final class GroupCommit implements AutoCloseable {
    /** Bounds one commit, so one huge backlog does not make one huge batch in memory. */
    static final int MAX_ENTRIES_PER_COMMIT = 20_000;
    /** How often the writer looks for transactions whose parts did not all arrive in time. */
    private static final long EXPIRY_CHECK_MILLIS = 100;

    /** An entry and where it goes among its transaction's entries. */
    record Ordered(Entry entry, long order) {
    }

    /** One write (one entity's part of a transaction), completed once its transaction is committed or failed. */
    record Part(List<Ordered> entries, CompletableFuture<Void> done) {
    }

    private sealed interface Work {
        int size();
    }

    private record Transaction(List<Part> parts) implements Work {
        public int size() {
            return parts.stream().mapToInt(p -> p.entries().size()).sum();
        }
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
    private final Object lock = new Object();
    private final OpenTransactions<Part> open;
    private final List<Work> ready = new ArrayList<>();
    private final Thread writer;
    private boolean stopping;

    GroupCommit(Commits store, Duration partTimeout) {
        this.store = store;
        this.open = new OpenTransactions<>(partTimeout.toNanos());
        this.writer = new Thread(this::run, "quiesce-journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues one write, part {@code transaction} of {@code parts} (0 or 1: on its own). */
    CompletableFuture<Void> write(long transaction, int parts, List<Ordered> entries) {
        Part part = new Part(entries, new CompletableFuture<>());
        synchronized (lock) {
            if (stopping) {
                part.done().completeExceptionally(new IOException("the journal is closing"));
                return part.done();
            }
            OpenTransactions.Outcome<Part> outcome = open.add(transaction, parts, part, System.nanoTime());
            if (outcome instanceof OpenTransactions.Whole<Part> whole) {
                ready.add(new Transaction(whole.parts()));
                lock.notifyAll();
            } else if (outcome instanceof OpenTransactions.Refused<Part>) {
                part.done().completeExceptionally(incomplete(transaction));
            }
            // Waiting: committed with the part that completes it.
        }
        return part.done();
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
            synchronized (lock) {
                failAll(open.expire(System.nanoTime()), "its other parts did not arrive in time");
                if (ready.isEmpty()) {
                    if (stopping) {
                        failAll(open.failAll(), "the journal closed before its other parts arrived");
                        return;
                    }
                    try {
                        lock.wait(EXPIRY_CHECK_MILLIS);
                    } catch (InterruptedException e) {
                        stopping = true;
                    }
                    continue;
                }
                int entries = 0;
                while (!ready.isEmpty() && (batch.isEmpty() || entries + ready.get(0).size() <= MAX_ENTRIES_PER_COMMIT)) {
                    Work next = ready.remove(0);
                    entries += next.size();
                    batch.add(next);
                }
            }
            commit(batch);
        }
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
    }

    private static void failAll(List<List<Part>> transactions, String why) {
        for (List<Part> parts : transactions) {
            IOException failure = new IOException("a decision's write was not recorded: " + why);
            parts.forEach(p -> p.done().completeExceptionally(failure));
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
