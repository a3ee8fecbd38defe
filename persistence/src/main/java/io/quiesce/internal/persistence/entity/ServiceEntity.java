package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.internal.persistence.PekkoFutures;
import io.quiesce.service.ServiceState;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SaveSnapshotSuccess;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Windows service of one server as a persistent actor. It records the events the core
 * decided and rebuilds its {@link ServiceState} from them; it decides no rule itself.
 */
public final class ServiceEntity
        extends EventSourcedBehaviorWithEnforcedReplies<ServiceEntity.Command, Object, ServiceSnapshot> {

    public sealed interface Command permits Apply, Get, Closing, SnapshotSaved {
    }

    /**
     * Record these decisions' events, in order. A decision that is part of an intent its service
     * already applied is acknowledged without recording it twice.
     *
     * <p>{@code from} and {@code to}, when not null, are this service's state before and after these
     * decisions as the gatekeeper folded them. An entity whose state is {@code from} takes {@code to}
     * as its own instead of folding the same events again: otherwise the gatekeeper and the entity
     * would each hold a copy of every session. Never stored: only the decisions are.
     *
     * <p>{@code receipt} is sent once they are recorded.
     */
    public record Apply(List<DecisionRecorded> decisions, ServiceState from, ServiceState to, Receipt<?> receipt)
            implements Command {
        public Apply {
            decisions = List.copyOf(decisions);
        }

        public Apply(List<DecisionRecorded> decisions, ServiceState from, ServiceState to, ActorRef<Done> replyTo) {
            this(decisions, from, to, new Receipt<>(replyTo, Done.getInstance()));
        }

        /** Decisions to fold here. */
        public Apply(List<DecisionRecorded> decisions, ActorRef<Done> replyTo) {
            this(decisions, null, null, replyTo);
        }
    }

    /**
     * A message to send to an actor: the writer's own acknowledgement, which tells it which write is
     * done. An ask would put an actor of its own and a timer behind every write of every session.
     */
    public record Receipt<M>(ActorRef<M> to, M message) {
        void send() {
            to.tell(message);
        }
    }

    public record Get(ActorRef<ServiceSnapshot> replyTo) implements Command {
    }

    /**
     * The directory is closing cleanly: snapshot the state if opening would otherwise replay many
     * events to rebuild it; reply once the snapshot is stored (or could not be: harmless, the events
     * are all kept).
     */
    public record Closing(ActorRef<Done> replyTo) implements Command {
    }

    private record SnapshotSaved(long sequenceNr, boolean saved, ActorRef<Done> replyTo) implements Command {
    }

    /** How long a snapshot on closing may take; past it the next opening replays instead. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);

    private final ActorContext<Command> context;
    private final String server;
    private final String service;
    private final Instant installedAt;
    private final int snapshotEvery;
    private final ActorRef<Unreadable> unreadable;
    /**
     * Events applied since the newest snapshot (replayed after it or recorded since): what the next
     * opening would replay. Counted in the event handler, the one place both replay and recording pass.
     */
    private long sinceSnapshot;
    /** What the entries being recorded fold into, as the gatekeeper folded them; null when they fold here. */
    private Folded folded;

    /** The result of folding {@code entries}, known beforehand. */
    private record Folded(List<DecisionRecorded> entries, ServiceState to) {
    }

    private ServiceEntity(ActorContext<Command> context, String server, String service, Instant installedAt,
                          int snapshotEvery, ActorRef<Unreadable> unreadable) {
        super(persistenceId(server, service), Restarts.AFTER_A_PAUSE);
        this.context = context;
        this.server = server;
        this.service = service;
        this.installedAt = installedAt;
        this.snapshotEvery = snapshotEvery;
        this.unreadable = unreadable;
    }

    /** {@code unreadable} hears if the journal holds an entry this version cannot read. */
    public static Behavior<Command> create(String server, String service, Instant installedAt, int snapshotEvery,
                                           ActorRef<Unreadable> unreadable) {
        return Restarts.onRejection(Behaviors.setup(ctx -> new ServiceEntity(ctx, server, service, installedAt,
                snapshotEvery, unreadable)));
    }

    public static PersistenceId persistenceId(String server, String service) {
        // Server names cannot hold "|" (they are host names); service names may hold any other character.
        return PersistenceId.ofUniqueId("service|" + server + "|" + service);
    }

    @Override
    public ServiceSnapshot emptyState() {
        return new ServiceSnapshot(ServiceState.installed(server, service, installedAt), 0, LastDecision.NONE);
    }

    @Override
    public CommandHandlerWithReply<Command, Object, ServiceSnapshot> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Apply.class, this::onApply)
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state))
                .onCommand(Closing.class, this::onClosing)
                .onCommand(SnapshotSaved.class, (state, saved) -> {
                    if (saved.saved() && saved.sequenceNr() == lastSequenceNumber(context)) {
                        sinceSnapshot = 0;
                    }
                    return Effect().reply(saved.replyTo(), Done.getInstance());
                })
                .build();
    }

    /**
     * Snapshots only past a twentieth of the snapshot interval: replaying fewer events costs less
     * than writing a file, and the snapshots a clean close leaves between two regular ones stay few
     * (the regular ones delete them in time, as they delete older regular ones).
     */
    private org.apache.pekko.persistence.typed.javadsl.ReplyEffect<Object, ServiceSnapshot> onClosing(
            ServiceSnapshot state, Closing closing) {
        if (snapshotEvery <= 0 || sinceSnapshot < Math.max(1, snapshotEvery / 20)) {
            return Effect().reply(closing.replyTo(), Done.getInstance());
        }
        long sequenceNr = lastSequenceNumber(context);
        // Stored as the entity's own snapshots are (its state as is), so opening recovers from it the same way.
        SnapshotMetadata metadata = SnapshotMetadata.apply(persistenceId().id(), sequenceNr,
                System.currentTimeMillis());
        org.apache.pekko.actor.ActorRef store = Persistence.get(context.getSystem().classicSystem())
                .snapshotStoreFor(snapshotPluginId(), ConfigFactory.empty());
        PekkoFutures.pipeToSelf(context,
                Patterns.ask(store, new SnapshotProtocol.SaveSnapshot(metadata, state), SNAPSHOT_TIMEOUT),
                (reply, failure) -> new SnapshotSaved(sequenceNr, reply instanceof SaveSnapshotSuccess,
                        closing.replyTo()));
        return Effect().noReply();
    }

    private org.apache.pekko.persistence.typed.javadsl.ReplyEffect<Object, ServiceSnapshot> onApply(
            ServiceSnapshot state, Apply apply) {
        List<DecisionRecorded> entries = notYetApplied(apply.decisions(), state.lastIntent());
        if (entries.isEmpty()) {
            apply.receipt().send();
            return Effect().noReply();
        }
        // Pekko folds the entries into the state as it persists them, within this command: the
        // event handler takes `to` for them then. `from` is this very state once the entity took
        // the gatekeeper's; before that (a service just added starts from its own installed state,
        // with no session yet) the two are compared whole, once.
        folded = apply.to() != null && entries.size() == apply.decisions().size()
                && (state.service() == apply.from() || state.service().equals(apply.from()))
                ? new Folded(entries, apply.to()) : null;
        return Effect().persist(List.<Object>copyOf(entries)).thenRun(s -> apply.receipt().send()).thenNoReply();
    }

    /** The decisions not part of an intent this service applied already: all of them, nearly always. */
    private static List<DecisionRecorded> notYetApplied(List<DecisionRecorded> decisions, long lastIntent) {
        List<DecisionRecorded> left = new ArrayList<>(decisions.size());
        for (DecisionRecorded d : decisions) { // a loop: every session's connect and end passes here
            if (d.intent() == 0 || d.intent() > lastIntent) {
                left.add(d);
            }
        }
        return left;
    }

    @Override
    public EventHandler<ServiceSnapshot, Object> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(DecisionRecorded.class, (state, d) -> {
                    sinceSnapshot++;
                    return new ServiceSnapshot(fold(state.service(), d), Math.max(state.lastIntent(), d.intent()),
                            state.last().after(d.decision(), d.events()));
                })
                // Journals written before decisions were numbered hold bare events and IntentApplied.
                .onEvent(ServiceEvent.class, (state, e) -> {
                    sinceSnapshot++;
                    return new ServiceSnapshot(state.service().evolve(e), state.lastIntent(),
                            state.last().after(0, List.of(e)));
                })
                .onEvent(IntentApplied.class, (state, e) -> {
                    sinceSnapshot++;
                    return new ServiceSnapshot(state.service(), e.intent(), state.last());
                })
                .build();
    }

    /**
     * The service after the decision's events. While entries folded by the gatekeeper are
     * recorded, the state stays as it was until the last of them, then becomes what they fold into.
     */
    private ServiceState fold(ServiceState service, DecisionRecorded d) {
        Folded f = folded;
        if (f != null) {
            int last = f.entries().size() - 1;
            if (d == f.entries().get(last)) {
                folded = null;
                return f.to();
            }
            for (int i = 0; i < last; i++) {
                if (d == f.entries().get(i)) {
                    return service;
                }
            }
            folded = null; // not the entries it was meant for: fold them here
        }
        for (Event e : d.events()) {
            service = service.evolve((ServiceEvent) e);
        }
        return service;
    }

    @Override
    public SignalHandler<ServiceSnapshot> signalHandler() {
        return Unreadable.reported(newSignalHandlerBuilder(), unreadable, persistenceId())
                .onSignal(SnapshotCompleted.class, (state, done) -> {
                    if (done.metadata().sequenceNr() == lastSequenceNumber(context)) {
                        sinceSnapshot = 0;
                    }
                })
                .build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return Retention.every(snapshotEvery);
    }
}
