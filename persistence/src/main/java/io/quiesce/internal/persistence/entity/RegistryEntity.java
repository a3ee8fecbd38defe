package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event.PoolCreated;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * The list of pools, so a process that starts knows which pool entities to wake. Creating a pool
 * is this one write. A process holding every pool keeps one registry ({@code registry}); a process
 * holding one pool beside others keeps that pool's own ({@code registry|POOL}), so that no two
 * processes ever write the same entity.
 */
public final class RegistryEntity
        extends EventSourcedBehaviorWithEnforcedReplies<RegistryEntity.Command, Object, RegistrySnapshot> {
    public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("registry");

    /** The registry of {@code pool} alone, kept by a process that holds that pool only. */
    public static PersistenceId persistenceId(String pool) {
        return PersistenceId.of("registry", pool, "|");
    }

    public sealed interface Command permits Record, Get {
    }

    /** Record the pool's creation, decision number {@code decision}. */
    public record Record(PoolCreated event, long decision, ActorRef<Done> replyTo) implements Command {
    }

    public record Get(ActorRef<RegistrySnapshot> replyTo) implements Command {
    }

    private final ActorRef<Unreadable> unreadable;

    private RegistryEntity(PersistenceId id, ActorRef<Unreadable> unreadable) {
        super(id, Restarts.AFTER_A_PAUSE);
        this.unreadable = unreadable;
    }

    /**
     * The registry {@code id} ({@link #PERSISTENCE_ID} or {@link #persistenceId(String)});
     * {@code unreadable} hears if the journal holds an entry this version cannot read.
     */
    public static Behavior<Command> create(PersistenceId id, ActorRef<Unreadable> unreadable) {
        return Restarts.onRejection(new RegistryEntity(id, unreadable));
    }

    @Override
    public RegistrySnapshot emptyState() {
        return new RegistrySnapshot(List.of(), LastDecision.NONE);
    }

    @Override
    public CommandHandlerWithReply<Command, Object, RegistrySnapshot> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Record.class, (state, c) -> Effect()
                        .persist(DecisionRecorded.of(c.decision(), List.of(c.event())))
                        .thenReply(c.replyTo(), s -> Done.getInstance()))
                .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), state))
                .build();
    }

    @Override
    public SignalHandler<RegistrySnapshot> signalHandler() {
        return Unreadable.reported(newSignalHandlerBuilder(), unreadable, persistenceId()).build();
    }

    @Override
    public EventHandler<RegistrySnapshot, Object> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(DecisionRecorded.class, (state, d) -> {
                    List<PoolCreated> pools = new ArrayList<>(state.pools());
                    d.events().forEach(e -> pools.add((PoolCreated) e));
                    return new RegistrySnapshot(pools, state.last().after(d.decision(), d.events()));
                })
                // Journals written before decisions were numbered hold bare events.
                .onEvent(PoolCreated.class, (state, e) -> {
                    List<PoolCreated> pools = new ArrayList<>(state.pools());
                    pools.add(e);
                    return new RegistrySnapshot(pools, state.last().after(0, List.of(e)));
                })
                .build();
    }
}
