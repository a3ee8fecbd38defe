package io.quiesce.internal.persistence.entity;

import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecider;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutState;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

import java.util.concurrent.CompletableFuture;

/**
 * A pool's rollouts as a persistent actor: thin glue around {@link RolloutDecider}. A decision's
 * events are recorded together before the answer, so an answered step is a recorded step.
 */
public final class RolloutEntity extends EventSourcedBehavior<RolloutEntity.Command, RolloutEvent, RolloutState> {

    public sealed interface Command permits Decide, Get {
    }

    /** Decide and record; the answer comes once the events are in the journal (or the refusal at once). */
    public record Decide(RolloutCommand command, CompletableFuture<RolloutDecision> reply) implements Command {
    }

    public record Get(CompletableFuture<RolloutState> reply) implements Command {
    }

    private final String pool;
    private final RolloutDecider decider;

    private RolloutEntity(String pool, RolloutDecider decider) {
        super(persistenceId(pool), Restarts.AFTER_A_PAUSE);
        this.pool = pool;
        this.decider = decider;
    }

    public static Behavior<Command> create(String pool, RolloutDecider decider) {
        return Restarts.onRejection(new RolloutEntity(pool, decider));
    }

    public static PersistenceId persistenceId(String pool) {
        return PersistenceId.of("rollout", pool, "|");
    }

    @Override
    public RolloutState emptyState() {
        return RolloutState.none(pool);
    }

    @Override
    public CommandHandler<Command, RolloutEvent, RolloutState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Get.class, (state, c) -> Effect().none().thenRun(s -> c.reply().complete(s)))
                .onCommand(Decide.class, (state, c) -> {
                    RolloutDecision decision = decider.decide(state, c.command());
                    if (decision instanceof RolloutDecision.Accepted a && !a.events().isEmpty()) {
                        return Effect().persist(a.events()).thenRun(s -> c.reply().complete(decision));
                    }
                    return Effect().none().thenRun(s -> c.reply().complete(decision));
                })
                .build();
    }

    @Override
    public EventHandler<RolloutState, RolloutEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(RolloutState::evolve);
    }
}
