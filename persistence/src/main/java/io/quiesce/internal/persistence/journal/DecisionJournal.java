package io.quiesce.internal.persistence.journal;

import com.typesafe.config.Config;
import org.apache.pekko.event.EventStream;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Pekko's journal plugin on a {@link JournalBackend}: thin glue. Each write is serialized here, in
 * the {@link EntryFormat} (one that cannot be is rejected alone), and handed to the
 * {@link GroupCommit} as a part of its transaction ({@link TransactionPart}); replays and the highest
 * sequence number read the store, on threads of their own.
 * Configured with {@code store} (the name {@link OpenStores} knows the store by) and
 * {@code part-timeout} (how long the parts of one transaction may take to arrive).
 */
public class DecisionJournal extends AsyncWriteJournal {
    private final JournalBackend store;
    private final GroupCommit commits;
    private final Serialization serialization;
    private final Executor replays;

    public DecisionJournal(Config config) {
        this.store = OpenStores.get(config.getString("store"));
        EventStream events = context().system().eventStream();
        this.commits = new GroupCommit(this::commit, config.getDuration("part-timeout"),
                transaction -> events.publish(new TransactionWhole(transaction)));
        this.serialization = SerializationExtension.get(context().system());
        this.replays = context().system().dispatchers().lookup(config.getString("replay-dispatcher"));
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        List<Optional<Exception>> results = new ArrayList<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (AtomicWrite write : messages) {
            List<PersistentRepr> reprs = CollectionConverters.asJava(write.payload());
            List<GroupCommit.Ordered> entries = new ArrayList<>(reprs.size());
            try {
                int i = 0;
                for (PersistentRepr repr : reprs) { // in order: the payload may be a linked list
                    byte[] bytes = EntryFormat.write(repr, serialization);
                    long order = repr.payload() instanceof TransactionPart part ? part.order() : i;
                    i++;
                    entries.add(new GroupCommit.Ordered(new JournalStore.Entry(repr.persistenceId(),
                            repr.sequenceNr(), bytes), order));
                }
            } catch (Exception e) { // NotSerializableException among others
                // Cannot be serialized: this write is rejected, the others go on.
                results.add(Optional.of(e));
                continue;
            }
            results.add(Optional.empty());
            Object first = reprs.get(0).payload();
            TransactionPart part = first instanceof TransactionPart p ? p : null;
            writes.add(part == null ? commits.write(0, 1, entries)
                    : commits.write(part.transaction(), part.parts(), part.after(), entries));
        }
        // Mostly one write: an entity's write of one command.
        CompletableFuture<Void> done = writes.size() == 1 ? writes.get(0)
                : CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        return FutureConverters.asScala(done.thenApply(v -> results));
    }

    /** One commit of the {@link GroupCommit}'s writer, through the store: a test's journal may make it slow or fail. */
    protected void commit(List<List<JournalStore.Entry>> transactions, List<JournalStore.Deletion> deletions)
            throws IOException {
        store.commit(transactions, deletions);
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return FutureConverters.asScala(commits.delete(persistenceId, toSequenceNr));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
                                              Consumer<PersistentRepr> replayCallback) {
        return FutureConverters.asScala(CompletableFuture.runAsync(() -> {
            try {
                store.replay(persistenceId, fromSequenceNr, toSequenceNr, max,
                        bytes -> replayCallback.accept(read(bytes, persistenceId)));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, replays));
    }

    private PersistentRepr read(byte[] bytes, String persistenceId) {
        try {
            return EntryFormat.read(bytes, persistenceId, serialization);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** On the replays' threads: the actors' own are few, and this reads the store (or a database). */
    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return FutureConverters.asScala(CompletableFuture.supplyAsync(() -> {
            try {
                return store.highestSequenceNr(persistenceId);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, replays));
    }

    @Override
    public void postStop() throws Exception {
        commits.close();
        super.postStop();
    }
}
