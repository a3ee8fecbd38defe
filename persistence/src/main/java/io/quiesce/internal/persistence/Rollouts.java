package io.quiesce.internal.persistence;

import io.quiesce.QuiesceException;
import io.quiesce.command.Command;
import io.quiesce.internal.persistence.entity.RolloutEntity;
import io.quiesce.internal.persistence.journal.EntryFormat;
import io.quiesce.internal.persistence.journal.JournalBackend;
import io.quiesce.internal.persistence.journal.OpenStores;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecider;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutGuard;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutPlanner;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rules.Rejection;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The rollouts of an open data directory: one persistent actor per pool, started when first asked.
 * Reading a rollout is open to everyone; starting, resuming and aborting one needs an administrator
 * (the decider checks). {@link RolloutRunner} drives one.
 */
public final class Rollouts {
    private final Engine quiesce;
    private final ActorSystem<?> system;
    private final RolloutDecider decider;
    private final ConcurrentHashMap<String, ActorRef<RolloutEntity.Command>> entities = new ConcurrentHashMap<>();
    private final Set<String> driven = ConcurrentHashMap.newKeySet();
    /** The pools whose rollout is under way, by pool; null until the guard first needs them. */
    private CompletableFuture<Map<String, RolloutState>> underWay;

    Rollouts(Engine quiesce, ActorSystem<?> system) {
        this.quiesce = quiesce;
        this.system = system;
        this.decider = new RolloutDecider(quiesce.rules().authorization());
    }

    /** The schedule a rollout of {@code pool} would follow now, or why it cannot be rolled. Records nothing. */
    public RolloutPlan plan(String pool, RolloutOptions options) {
        return new RolloutPlanner(quiesce.rules().catalog()).plan(await(quiesce.status()), pool, options);
    }

    /** The pool's latest rollout, as recorded. */
    public RolloutState state(String pool) {
        return await(stateAsync(pool));
    }

    public CompletionStage<RolloutState> stateAsync(String pool) {
        if (!journaled(pool)) {
            return CompletableFuture.completedFuture(RolloutState.none(pool));
        }
        CompletableFuture<RolloutState> reply = new CompletableFuture<>();
        entity(pool).tell(new RolloutEntity.Get(reply));
        return timed(reply);
    }

    /** Decides and records a rollout command; answered once its events are in the journal. */
    public RolloutDecision decide(String pool, RolloutCommand command) {
        quiesce.requireHeld(pool, "a rollout");
        if (!journaled(pool)) {
            // A pool never rolled gets an entity only with its first recorded rollout: a refusal starts nothing.
            RolloutDecision first = decider.decide(RolloutState.none(pool), command);
            if (!(first instanceof RolloutDecision.Accepted a) || a.events().isEmpty()) {
                return first;
            }
        }
        CompletableFuture<RolloutDecision> reply = new CompletableFuture<>();
        entity(pool).tell(new RolloutEntity.Decide(command, reply));
        RolloutDecision decision = await(timed(reply));
        if (decision instanceof RolloutDecision.Accepted a && !a.events().isEmpty()) {
            remember(state(pool));
        }
        return decision;
    }

    /** Every event of the pool's rollouts, oldest first: the steps as they were recorded. */
    public List<RolloutEvent> history(String pool) {
        if (!journaled(pool)) {
            return List.of();
        }
        List<RolloutEvent> events = new ArrayList<>();
        try {
            store().replay(RolloutEntity.persistenceId(pool).id(), 1, Long.MAX_VALUE, Long.MAX_VALUE, bytes -> {
                try {
                    events.add((RolloutEvent) EntryFormat.payload(bytes));
                } catch (IOException e) {
                    throw new QuiesceException("cannot read the rollouts of " + pool + ": " + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new QuiesceException("cannot read the rollouts of " + pool + ": " + e.getMessage(), e);
        }
        return events;
    }

    /** True while a {@link RolloutRunner} of this process drives the pool's rollout. */
    public boolean driven(String pool) {
        return driven.contains(pool);
    }

    boolean startDriving(String pool) {
        return driven.add(pool);
    }

    void stopDriving(String pool) {
        driven.remove(pool);
    }

    /**
     * The ROLLOUT_IN_PROGRESS refusal of an administrator's command, if its server is under rollout.
     * The rollouts under way are read once, at the first command that needs them, then kept up to
     * date by {@link #decide}: only this process can change them while it holds the directory.
     */
    CompletionStage<Optional<Rejection>> guard(Command command) {
        if (RolloutGuard.unforcedServer(command).isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return underWay().thenApply(rollouts -> rollouts.values().stream()
                .map(rollout -> RolloutGuard.check(command, rollout)).flatMap(Optional::stream).findFirst());
    }

    /** True when the pool has a rollout entity: its journal holds a rollout, or one was started here. */
    private boolean journaled(String pool) {
        if (entities.containsKey(pool)) {
            return true;
        }
        try {
            return store().highestSequenceNr(RolloutEntity.persistenceId(pool).id()) > 0;
        } catch (IOException e) {
            throw new QuiesceException("cannot read the rollouts of " + pool + ": " + e.getMessage(), e);
        }
    }

    private JournalBackend store() {
        return OpenStores.get(system.settings().config().getString(PekkoConfig.STORE_KEY));
    }

    private synchronized CompletableFuture<Map<String, RolloutState>> underWay() {
        if (underWay == null) {
            underWay = quiesce.status().toCompletableFuture().thenCompose(d -> {
                List<CompletableFuture<RolloutState>> states = d.pools().keySet().stream()
                        .map(pool -> stateAsync(pool).toCompletableFuture()).toList();
                return CompletableFuture.allOf(states.toArray(CompletableFuture[]::new)).thenApply(done -> {
                    Map<String, RolloutState> rollouts = new ConcurrentHashMap<>();
                    states.stream().map(CompletableFuture::join).filter(RolloutState::inProgressStatus)
                            .forEach(state -> rollouts.put(state.pool(), state));
                    return rollouts;
                });
            });
        }
        return underWay;
    }

    /** Keeps the rollouts under way as known to the guard, after a decision on the pool's rollout. */
    private void remember(RolloutState state) {
        CompletableFuture<Map<String, RolloutState>> known;
        synchronized (this) {
            known = underWay;
        }
        if (known != null) {
            Map<String, RolloutState> rollouts = await(known);
            if (state.inProgressStatus()) {
                rollouts.put(state.pool(), state);
            } else {
                rollouts.remove(state.pool());
            }
        }
    }

    private ActorRef<RolloutEntity.Command> entity(String pool) {
        return entities.computeIfAbsent(pool, p -> system.systemActorOf(RolloutEntity.create(p, decider),
                "rollout-" + p, Props.empty()));
    }

    /** Waits for an answer of the engine ({@link Engine#await}). */
    <T> T await(CompletionStage<T> stage) {
        return quiesce.await(stage);
    }

    Engine engine() {
        return quiesce;
    }

    private <T> CompletableFuture<T> timed(CompletableFuture<T> reply) {
        return reply.orTimeout(quiesce.options().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
