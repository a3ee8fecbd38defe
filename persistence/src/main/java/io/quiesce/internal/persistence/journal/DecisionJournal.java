package io.quiesce.internal.persistence.journal;

import com.typesafe.config.Config;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.event.EventStream;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.DeleteMessagesFailure;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.NonPersistentRepr;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Pekko's journal plugin on a {@link JournalBackend}: the journal protocol, answered by hand. Each
 * write is serialized here, in the {@link EntryFormat} (one that cannot be is rejected alone), and
 * handed to the {@link GroupCommit} as a part of its transaction ({@link TransactionPart}); replays
 * and the highest sequence number read the store, on threads of their own.
 *
 * <p>Not Pekko's {@code AsyncWriteJournal}: that one answers each write through a future, a
 * callback on the actors' threads and an actor that puts all answers back in the order the writes
 * arrived, which under session churn took the actors' threads about as much CPU as serializing the
 * entries. Here the writer thread answers each write itself, as its commit completes. The order
 * Pekko needs holds by construction: an entity has one write out at a time, and the answers of a
 * write are sent together, before the writer takes the next commit. What that journal adds beyond
 * the protocol is left out on purpose: its circuit breaker (a write here ends when its commit does,
 * or fails with its transaction's part timeout; the gatekeeper's own write timeout answers the
 * callers of a write that takes too long), event adapters (Quiesce configures none) and replay
 * filter (entries in the compact form carry no writer for it to tell apart).
 *
 * <p>Configured with {@code store} (the name {@link OpenStores} knows the store by) and
 * {@code part-timeout} (how long the parts of one transaction may take to arrive).
 */
public class DecisionJournal extends AbstractActor {
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
    public Receive createReceive() {
        return receiveBuilder()
                .match(JournalProtocol.WriteMessages.class, this::write)
                .match(JournalProtocol.ReplayMessages.class, this::replay)
                .match(JournalProtocol.DeleteMessagesTo.class, this::delete)
                .build();
    }

    /**
     * Queues the write's atomic writes and answers once all are committed: first that the write
     * succeeded (or failed), then each message in order. Messages that are not persistent (Pekko's
     * {@code defer}) are handed back in their place.
     */
    private void write(JournalProtocol.WriteMessages write) {
        List<PersistentEnvelope> messages = CollectionConverters.asJava(write.messages());
        List<AtomicWrite> atomic = new ArrayList<>(messages.size());
        for (PersistentEnvelope m : messages) {
            if (m instanceof AtomicWrite a) {
                atomic.add(a);
            }
        }
        ActorRef self = self();
        CompletableFuture<List<Optional<Exception>>> written;
        try {
            written = atomic.isEmpty() ? CompletableFuture.completedFuture(List.of()) : writeAll(atomic);
        } catch (RuntimeException e) { // the write fails, not the journal
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((results, failure) -> answer(write, atomic.size(), results, failure, self));
    }

    private static void answer(JournalProtocol.WriteMessages write, int atomicWrites,
                               List<Optional<Exception>> results, Throwable failure, ActorRef self) {
        ActorRef to = write.persistentActor();
        int instance = write.actorInstanceId();
        Throwable cause = failure == null ? null : unwrapped(failure);
        to.tell(cause == null ? JournalProtocol.WriteMessagesSuccessful$.MODULE$
                : new JournalProtocol.WriteMessagesFailed(cause, atomicWrites), self);
        int next = 0;
        for (PersistentEnvelope m : CollectionConverters.asJava(write.messages())) {
            if (m instanceof AtomicWrite a) {
                Optional<Exception> rejected = cause == null ? results.get(next) : Optional.empty();
                next++;
                for (PersistentRepr p : CollectionConverters.asJava(a.payload())) {
                    Object answer = cause != null ? new JournalProtocol.WriteMessageFailure(p, cause, instance)
                            : rejected.isPresent()
                            ? new JournalProtocol.WriteMessageRejected(p, rejected.get(), instance)
                            : new JournalProtocol.WriteMessageSuccess(p, instance);
                    to.tell(answer, p.sender());
                }
            } else if (m instanceof NonPersistentRepr r) {
                to.tell(new JournalProtocol.LoopMessageSuccess(r.payload(), instance), r.sender());
            }
        }
    }

    /**
     * Serializes and queues atomic writes; completes, once all are committed, with one result per
     * write: empty, or why it was rejected (it cannot be serialized; the others go on). Fails when a
     * commit fails. On the writer thread, or here when nothing needed writing.
     */
    protected CompletableFuture<List<Optional<Exception>>> writeAll(List<AtomicWrite> writes) {
        List<Optional<Exception>> results = new ArrayList<>(writes.size());
        List<CompletableFuture<Void>> queued = new ArrayList<>(writes.size());
        for (AtomicWrite write : writes) {
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
            queued.add(part == null ? commits.write(0, 1, entries)
                    : commits.write(part.transaction(), part.parts(), part.after(), entries));
        }
        // Mostly one write: an entity's write of one command.
        CompletableFuture<Void> done = queued.size() == 1 ? queued.get(0)
                : CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new));
        return done.thenApply(v -> results);
    }

    /** One commit of the {@link GroupCommit}'s writer, through the store: a test's journal may make it slow or fail. */
    protected void commit(List<List<JournalStore.Entry>> transactions, List<JournalStore.Deletion> deletions)
            throws IOException {
        store.commit(transactions, deletions);
    }

    /**
     * Replays an entity's entries in a range, then says how far its journal goes, on the replays'
     * threads: the actors' own are few, and this reads the store (or a database).
     */
    private void replay(JournalProtocol.ReplayMessages r) {
        ActorRef to = r.persistentActor();
        replays.execute(() -> {
            Object end;
            try {
                long highest = store.highestSequenceNr(r.persistenceId());
                long last = Math.min(r.toSequenceNr(), highest);
                if (last > 0 && r.fromSequenceNr() <= last) {
                    store.replay(r.persistenceId(), r.fromSequenceNr(), last, r.max(), bytes -> {
                        PersistentRepr p = read(bytes, r.persistenceId());
                        if (!p.deleted()) { // as Pekko's journal: an old entry may carry its deletion
                            to.tell(new JournalProtocol.ReplayedMessage(p), ActorRef.noSender());
                        }
                    });
                }
                end = new JournalProtocol.RecoverySuccess(highest);
            } catch (IOException | RuntimeException e) {
                end = new JournalProtocol.ReplayMessagesFailure(unwrapped(e));
            }
            to.tell(end, ActorRef.noSender());
        });
    }

    private PersistentRepr read(byte[] bytes, String persistenceId) {
        try {
            return EntryFormat.read(bytes, persistenceId, serialization);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private void delete(JournalProtocol.DeleteMessagesTo d) {
        ActorRef to = d.persistentActor();
        long upTo = d.toSequenceNr();
        commits.delete(d.persistenceId(), upTo).whenComplete((v, failure) -> to.tell(failure == null
                ? new DeleteMessagesSuccess(upTo)
                : new DeleteMessagesFailure(unwrapped(failure), upTo), ActorRef.noSender()));
    }

    /** What failed, without the wrapper a future's stage puts around it. */
    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    }

    @Override
    public void postStop() {
        commits.close();
    }
}
