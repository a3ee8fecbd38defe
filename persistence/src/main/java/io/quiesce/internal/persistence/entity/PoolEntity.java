package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.PoolEvent;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.pool.PoolState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * A pool as a persistent actor: its DNS load balancing setting, its members and the connections
 * it lost. Its creation is recorded by the {@link RegistryEntity}; this journal holds the rest.
 */
public final class PoolEntity
        extends EventSourcedBehaviorWithEnforcedReplies<PoolEntity.Command, Object, PoolSnapshot> {

    public sealed interface Command permits Record, Get {
    }

    /** Record these events, all of decision number {@code decision}. */
    public record Record(List<PoolEvent> events, long decision, ActorRef<Done> replyTo) implements Command {
        public Record {
            events = List.copyOf(events);
        }
    }

    public record Get(ActorRef<PoolSnapshot> replyTo) implements Command {
    }

    private final PoolCreated created;
    private final int snapshotEvery;
    private final ActorRef<Unreadable> unreadable;

    private PoolEntity(PoolCreated created, int snapshotEvery, ActorRef<Unreadable> unreadable) {
        super(persistenceId(created.pool()), Restarts.AFTER_A_PAUSE);
        this.created = created;
        this.snapshotEvery = snapshotEvery;
        this.unreadable = unreadable;
    }

    /** {@code unreadable} hears if the journal holds an entry this version cannot read. */
    public static Behavior<Command> create(PoolCreated created, int snapshotEvery, ActorRef<Unreadable> unreadable) {
        return Restarts.onRejection(new PoolEntity(created, snapshotEvery, unreadable));
    }

    public static PersistenceId persistenceId(String pool) {
        return PersistenceId.of("pool", pool, "|");
    }

    @Override
    public PoolSnapshot emptyState() {
        return new PoolSnapshot(PoolState.created(created.pool(), created.dnsLoadBalancing()), List.of(),
                LastDecision.NONE);
    }

    @Override
    public CommandHandlerWithReply<Command, Object, PoolSnapshot> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Record.class, (state, c) -> Effect()
                        .persist(DecisionRecorded.of(c.decision(), c.events()))
                        .thenReply(c.replyTo(), s -> Done.getInstance()))
                .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), state))
                .build();
    }

    @Override
    public EventHandler<PoolSnapshot, Object> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(DecisionRecorded.class, (state, d) -> {
                    PoolSnapshot next = state;
                    for (Event e : d.events()) {
                        next = evolve(next, (PoolEvent) e);
                    }
                    return new PoolSnapshot(next.pool(), next.servers(), state.last().after(d.decision(), d.events()));
                })
                // Journals written before decisions were numbered hold bare events.
                .onEvent(PoolEvent.class, PoolEntity::evolve)
                .build();
    }

    private static PoolSnapshot evolve(PoolSnapshot state, PoolEvent e) {
        List<ServerAdded> servers = state.servers();
        if (e instanceof ServerAdded added) {
            servers = new ArrayList<>(servers);
            servers.add(added);
        }
        return new PoolSnapshot(state.pool().evolve(e), servers, state.last().after(0, List.of(e)));
    }

    @Override
    public SignalHandler<PoolSnapshot> signalHandler() {
        return Unreadable.reported(newSignalHandlerBuilder(), unreadable, persistenceId()).build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return Retention.every(snapshotEvery);
    }
}
