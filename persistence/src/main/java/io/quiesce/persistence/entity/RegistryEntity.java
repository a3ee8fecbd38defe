package io.quiesce.persistence.entity;

import io.quiesce.event.Event.PoolCreated;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of pools, so a process that starts knows which pool entities to wake. Creating a pool
 * is this one write.
 */
public final class RegistryEntity
        extends EventSourcedBehaviorWithEnforcedReplies<RegistryEntity.Command, PoolCreated, RegistrySnapshot> {
    public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("registry");

    public sealed interface Command permits Record, Get {
    }

    public record Record(PoolCreated event, ActorRef<Done> replyTo) implements Command {
    }

    public record Get(ActorRef<RegistrySnapshot> replyTo) implements Command {
    }

    private RegistryEntity() {
        super(PERSISTENCE_ID,
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    }

    public static Behavior<Command> create() {
        return new RegistryEntity();
    }

    @Override
    public RegistrySnapshot emptyState() {
        return new RegistrySnapshot(List.of());
    }

    @Override
    public CommandHandlerWithReply<Command, PoolCreated, RegistrySnapshot> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Record.class, (state, c) -> Effect().persist(c.event())
                        .thenReply(c.replyTo(), s -> Done.getInstance()))
                .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), state))
                .build();
    }

    @Override
    public EventHandler<RegistrySnapshot, PoolCreated> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(PoolCreated.class, (state, e) -> {
                    List<PoolCreated> pools = new ArrayList<>(state.pools());
                    pools.add(e);
                    return new RegistrySnapshot(pools);
                })
                .build();
    }
}
