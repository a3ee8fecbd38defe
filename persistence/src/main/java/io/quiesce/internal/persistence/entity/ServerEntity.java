package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;
import io.quiesce.internal.persistence.PekkoFutures;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server as a persistent actor. A decision that reaches several of its services (a restart, a
 * whole-server pause) is recorded here whole, in its order, in the same journal transaction as
 * each service's part, so the history reads it in one place and it lands everywhere or nowhere.
 *
 * <p>Earlier versions recorded such a decision here first as an intent and delivered it to each
 * service afterwards. An intent such a version left pending (it stopped before every service had
 * applied it) is delivered again on recovery until every service has; a service ignores a repeat.
 */
public final class ServerEntity
        extends EventSourcedBehaviorWithEnforcedReplies<ServerEntity.Command, Journaled, ServerSnapshot> {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    public sealed interface Command permits Record, AwaitIdle, Delivered {
    }

    /** Record a decision whole (its services record their parts in the same transaction); reply once written. */
    public record Record(ServerDecisionRecorded decision, ActorRef<Done> replyTo) implements Command {
    }

    /** Reply once no intent of an earlier version is pending (after recovery, redelivery has finished). */
    public record AwaitIdle(ActorRef<ServerSnapshot> replyTo) implements Command {
    }

    record Delivered(long intent, String service, boolean ok) implements Command {
    }

    private final ActorContext<Command> context;
    private final Map<String, ActorRef<ServiceEntity.Command>> services;
    private final int snapshotEvery;
    private final ActorRef<Unreadable> unreadable;
    private final Map<Long, Set<String>> awaiting = new HashMap<>();
    private final List<ActorRef<ServerSnapshot>> idleWaiters = new ArrayList<>();

    private ServerEntity(ActorContext<Command> context, String server,
                         Map<String, ActorRef<ServiceEntity.Command>> services, int snapshotEvery,
                         ActorRef<Unreadable> unreadable) {
        super(persistenceId(server), Restarts.AFTER_A_PAUSE);
        this.context = context;
        this.services = Map.copyOf(services);
        this.snapshotEvery = snapshotEvery;
        this.unreadable = unreadable;
    }

    /** {@code unreadable} hears if the journal holds an entry this version cannot read. */
    public static Behavior<Command> create(String server, Map<String, ActorRef<ServiceEntity.Command>> services,
                                           int snapshotEvery, ActorRef<Unreadable> unreadable) {
        return Restarts.onRejection(Behaviors.setup(ctx -> new ServerEntity(ctx, server, services, snapshotEvery,
                unreadable)));
    }

    public static PersistenceId persistenceId(String server) {
        return PersistenceId.of("server", server, "|");
    }

    @Override
    public ServerSnapshot emptyState() {
        return ServerSnapshot.empty();
    }

    @Override
    public CommandHandlerWithReply<Command, Journaled, ServerSnapshot> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Record.class, (state, c) -> Effect().persist(c.decision())
                        .thenReply(c.replyTo(), s -> Done.getInstance()))
                .onCommand(Delivered.class, this::onDelivered)
                .onCommand(AwaitIdle.class, (state, c) -> {
                    if (state.pending().isEmpty()) {
                        return Effect().reply(c.replyTo(), state);
                    }
                    idleWaiters.add(c.replyTo());
                    return Effect().noReply();
                })
                .build();
    }

    private ReplyEffect<Journaled, ServerSnapshot> onDelivered(ServerSnapshot state, Delivered d) {
        Set<String> left = awaiting.get(d.intent());
        if (left == null) {
            return Effect().noReply();
        }
        if (!d.ok()) {
            // Not acknowledged in time: deliver again; the service ignores what it already applied.
            send(state.pending().get(d.intent()), d.service());
            return Effect().noReply();
        }
        left.remove(d.service());
        if (!left.isEmpty()) {
            return Effect().noReply();
        }
        awaiting.remove(d.intent());
        return Effect().persist(new IntentCompleted(d.intent())).thenRun(s -> {
            if (s.pending().isEmpty()) {
                idleWaiters.forEach(w -> w.tell(s));
                idleWaiters.clear();
            }
        }).thenNoReply();
    }

    private void deliver(IntentRecorded intent) {
        Map<String, List<Event>> byService = ServerDecisionRecorded.byService(intent.events());
        awaiting.put(intent.intent(), new HashSet<>(byService.keySet()));
        byService.keySet().forEach(service -> send(intent, service));
    }

    private void send(IntentRecorded intent, String service) {
        List<Event> events = ServerDecisionRecorded.byService(intent.events()).get(service);
        PekkoFutures.ask(context, Done.class, services.get(service), DELIVERY_TIMEOUT,
                replyTo -> new ServiceEntity.Apply(List.of(new DecisionRecorded(intent.decision(), intent.intent(),
                        events)), replyTo),
                (done, failure) -> new Delivered(intent.intent(), service, failure == null));
    }


    @Override
    public EventHandler<ServerSnapshot, Journaled> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(ServerDecisionRecorded.class, ServerSnapshot::decided)
                .onEvent(IntentRecorded.class, ServerSnapshot::recorded)
                .onEvent(IntentCompleted.class, (state, e) -> state.completed(e.intent()))
                .build();
    }

    @Override
    public SignalHandler<ServerSnapshot> signalHandler() {
        return Unreadable.reported(newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> state.pending().values().forEach(this::deliver)),
                unreadable, persistenceId()).build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return Retention.every(snapshotEvery);
    }
}
