package io.quiesce.internal.persistence;

import io.quiesce.QuiesceException;
import io.quiesce.command.Command;
import io.quiesce.command.Command.DeadlinePassed;
import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.PoolEvent;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServerEvent;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.entity.LastDecision;
import io.quiesce.internal.persistence.entity.PoolEntity;
import io.quiesce.internal.persistence.entity.PoolSnapshot;
import io.quiesce.internal.persistence.entity.RegistryEntity;
import io.quiesce.internal.persistence.entity.RegistrySnapshot;
import io.quiesce.internal.persistence.entity.ServerDecisionRecorded;
import io.quiesce.internal.persistence.entity.ServerEntity;
import io.quiesce.internal.persistence.entity.ServerSnapshot;
import io.quiesce.internal.persistence.entity.ServiceEntity;
import io.quiesce.internal.persistence.entity.ServiceSnapshot;
import io.quiesce.internal.persistence.entity.Unreadable;
import io.quiesce.internal.persistence.journal.TransactionWhole;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.rules.Rules;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.PersistenceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The one door to the entities. It keeps the deployment as the entities last acknowledged it,
 * decides each command with the core {@link Rules} against that view (so pool-wide guards see one
 * consistent state), has the entities record the events, and only then answers. Commands are
 * decided one at a time, in arrival order; those waiting are queued up to a limit, past which
 * they are refused as OVERLOADED rather than dropped.
 *
 * <p>It is always in one of these behaviors:
 * <ul>
 *   <li><b>recovering</b>: reading the entities' state back (on opening, and after a batch whose
 *       writes did not all succeed); commands wait;</li>
 *   <li><b>ready</b>: nothing in flight; a command is decided at once;</li>
 *   <li><b>writing</b>: batches' writes are out. Once they have all reached the journal, session
 *       traffic that waits is decided on what they will have changed and sent too, up to
 *       {@link BatchRules#BATCHES_IN_FLIGHT} batches, each committed by the journal only after the
 *       one before it; anything else waits until nothing is in flight. Batches are answered in
 *       order, each once its last write is;</li>
 *   <li><b>failing</b>: an entity cannot read its journal; once every other entity has settled,
 *       everything waiting is refused and the gatekeeper stops;</li>
 *   <li><b>taken over</b>: another process holds the one pool held here; everything is refused.</li>
 * </ul>
 * The commands waiting are its stash: a bounded queue rather than Pekko's {@code StashBuffer},
 * because passed pause deadlines are put ahead of what waits and a batch takes several at once.
 * What goes in a batch ({@link BatchRules}) and when deadlines fire ({@link DeadlineSchedule}) are
 * pure classes of their own.
 */
final class Gatekeeper {
    /** Callers' threads race by far less: a clock this far behind the journal was set back. */
    private static final Duration CLOCK_BEHIND = Duration.ofSeconds(1);
    /** Said of a command refused once the pool was taken over. */
    private static final String NOT_RECORDED = " (nothing of this was recorded)";
    /** Target of a write that is not to a single service. */
    private static final String WHOLE = "";

    sealed interface Message {
    }

    /**
     * A command and where its answer goes. The answer completes {@code reply} on the library's
     * reply thread, never on the actor's, so a caller's callback cannot stall the gatekeeper.
     */
    record Submit(Command command, CompletableFuture<Reply> reply) implements Message {
    }

    record GetDeployment(CompletableFuture<Deployment> reply) implements Message {
    }

    /** Fire every pause deadline that has passed by the clock. */
    enum CheckDeadlines implements Message { INSTANCE }

    /**
     * Complete {@code done} once every entity has finished recovering, and every service has
     * snapshotted what the next opening would otherwise replay. An entity spawned for a new pool or
     * server reads the journal in the background; closing the journal under that read crashes
     * LevelDB's native code, so closing waits for this first.
     */
    record AwaitEntities(CompletableFuture<Void> done) implements Message {
    }

    /**
     * Another process has taken over the one pool this process held: every command and pause deadline
     * from now on is refused with {@code reason}, and nothing more is written.
     */
    record TakenOver(String reason) implements Message {
    }

    private record RegistryLoaded(String registry, RegistrySnapshot snapshot, Throwable failure) implements Message {
    }

    private record PoolLoaded(String pool, PoolSnapshot snapshot, Throwable failure) implements Message {
    }

    private record ServerIdle(String server, ServerSnapshot snapshot, Throwable failure) implements Message {
    }

    private record ServiceLoaded(ServiceSnapshot snapshot, Throwable failure) implements Message {
    }

    private record WriteDone(Batch batch, String target, Throwable failure) implements Message {
    }

    /** The timer of a batch of session traffic: its writes not acknowledged by now fail. */
    private record WritesTimedOut(Batch batch) implements Message {
    }

    private record EntityUnreadable(Unreadable what) implements Message {
    }

    /** Every write of a batch's transaction has reached the journal: the next batch may follow it. */
    private record JournalHasAll(TransactionWhole whole) implements Message {
    }

    /** Every entity but the unreadable one has answered: failing now closes the journal under no reader. */
    private record OthersSettled() implements Message {
    }

    /**
     * Commands decided together and the writes they wait for: answered when its last write is, and
     * after every batch sent before it.
     */
    private static final class Batch {
        final List<Pending> pending = new ArrayList<>();
        /** The targets whose write failed, with why. */
        final Map<String, String> failedTargets = new HashMap<>();
        /** Its journal transaction (0: none, or its writes go alone). */
        long transaction;
        /** Written alone: nothing is decided while it is in flight. */
        boolean alone;
        int writesLeft;
        /**
         * Session traffic's: the services whose write is not yet acknowledged (by their receipt, or by
         * the batch's timer); null for writes that are asked, each with its own timeout.
         */
        Set<String> unacknowledged;
        /** System.nanoTime() when its writes were issued; 0 when it wrote nothing. */
        long issuedAt;
        /** The view once its decisions apply: the next batch is decided on it. */
        Deployment end;
        /** Every write of it has reached the journal (or been answered). */
        boolean whole;
    }

    /** A command of a batch: its decision, the write it waits for (null: none), or an error. */
    private record Pending(Submit submit, Decision decision, String target, String error, Deployment after) {
        static Pending answered(Submit submit, Decision decision) {
            return new Pending(submit, decision, null, null, null);
        }

        static Pending error(Submit submit, String error) {
            return new Pending(submit, null, null, error, null);
        }
    }

    sealed interface Reply {
    }

    record Decided(Decision decision) implements Reply {
    }

    record Failed(String message) implements Reply {
    }

    /** Told what was recorded, in order, after it was recorded. */
    interface Notifier {
        void recorded(Deployment before, List<Event> events, Deployment after);

        /** A batch's journal writes finished (all of them, failed or not) this long after they were issued. */
        void written(Duration took);
    }

    /**
     * {@code heldPool}: the one pool this process holds beside others (null: every pool);
     * {@code poolsHeldApart}: the pools that processes each holding one created, whose registries a
     * process holding every pool reads too.
     */
    record Settings(Rules rules, Clock clock, int snapshotEvery, int maxPending, Duration writeTimeout,
                    Duration recoveryTimeout, java.util.concurrent.Executor replies, String heldPool,
                    List<String> poolsHeldApart) {
    }

    private final ActorContext<Message> context;
    private final Settings settings;
    private final Notifier notifier;
    /** Completed once opening has recovered everything (and fired the deadlines that passed meanwhile). */
    private final CompletableFuture<Void> opened;
    private final TimerScheduler<Message> timers;
    private final Deque<Submit> queue = new ArrayDeque<>();

    private final ActorRef<Unreadable> unreadable;
    /** The registry that records the pools created here. */
    private final ActorRef<RegistryEntity.Command> registry;
    /**
     * Every registry read on recovery, by persistence id: the one written, and those of pools created
     * elsewhere (a process holding one pool reads the pool's creation by a process that held every pool).
     */
    private final Map<String, ActorRef<RegistryEntity.Command>> registries = new LinkedHashMap<>();
    private final Map<String, ActorRef<PoolEntity.Command>> pools = new HashMap<>();
    private final Map<String, ActorRef<ServerEntity.Command>> servers = new HashMap<>();
    private final Map<String, Map<String, ActorRef<ServiceEntity.Command>>> services = new HashMap<>();

    private Deployment deployment = Deployment.empty();
    /**
     * The last decision given to the journal. Decisions are numbered, and their times kept from
     * going back, in the order they are decided, so a history read back from every journal keeps
     * that order.
     */
    private LastDecision last = LastDecision.NONE;
    private boolean warnedClockBehind;
    /** The batches sent and not yet answered, oldest first. */
    private final Deque<Batch> inFlight = new ArrayDeque<>();
    /**
     * Not null once a write failed: the view as it was before. What is in flight is answered, then
     * the entities are read back; nothing new is decided meanwhile.
     */
    private Deployment beforeFailure;
    /**
     * Commands answered without a write on a view that a failed write then left unrecorded: decided
     * again, first, once the view is read back.
     */
    private final List<Submit> decideAgain = new ArrayList<>();
    private final DeadlineSchedule deadlines = new DeadlineSchedule();
    /** The command that passed deadlines were last put ahead of (see {@link #deadlinesFirst}). */
    private Submit deadlinesPutAheadOf;
    /**
     * Names the journal transactions of this process; never reused, unlike decision numbers, which
     * go on from the last recorded one after a failed batch is read back.
     */
    private long transactions;

    // Recovery progress.
    private final Map<String, PoolCreated> created = new LinkedHashMap<>();
    private int registriesLeft;
    private final Map<String, PoolSnapshot> poolSnapshots = new LinkedHashMap<>();
    private final Map<String, Map<String, ServiceState>> serviceStates = new HashMap<>();
    private int waitingFor;

    private final Behavior<Message> recovering;
    private final Behavior<Message> ready;
    private final Behavior<Message> writing;

    static Behavior<Message> create(Settings settings, Notifier notifier, CompletableFuture<Void> opened) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Gatekeeper(ctx, timers, settings,
                notifier, opened).recover()));
    }

    private Gatekeeper(ActorContext<Message> context, TimerScheduler<Message> timers, Settings settings,
                       Notifier notifier, CompletableFuture<Void> opened) {
        this.context = context;
        this.settings = settings;
        this.notifier = notifier;
        this.opened = opened;
        this.timers = timers;
        this.unreadable = context.messageAdapter(Unreadable.class, EntityUnreadable::new);
        context.getSystem().eventStream().tell(new EventStream.Subscribe<>(TransactionWhole.class,
                context.messageAdapter(TransactionWhole.class, JournalHasAll::new)));
        String held = settings.heldPool();
        this.registry = spawnRegistry(held == null ? RegistryEntity.PERSISTENCE_ID : RegistryEntity.persistenceId(held));
        if (held == null) {
            settings.poolsHeldApart().forEach(pool -> spawnRegistry(RegistryEntity.persistenceId(pool)));
        } else {
            spawnRegistry(RegistryEntity.PERSISTENCE_ID);
        }
        this.recovering = deciding()
                .onMessage(Submit.class, this::waitFor)
                // Recovery fires the deadlines that passed by itself once it is done.
                .onMessage(CheckDeadlines.class, c -> Behaviors.same())
                .onMessage(RegistryLoaded.class, this::onRegistryLoaded)
                .onMessage(PoolLoaded.class, this::onPoolLoaded)
                .onMessage(ServerIdle.class, this::onServerIdle)
                .onMessage(ServiceLoaded.class, this::onServiceLoaded)
                .onMessage(JournalHasAll.class, m -> Behaviors.same())
                .build();
        this.ready = deciding()
                .onMessage(Submit.class, s -> enqueue(s) ? decideWaiting() : Behaviors.same())
                .onMessage(CheckDeadlines.class, c -> {
                    queuePassedDeadlines();
                    scheduleNextDeadline();
                    return decideWaiting();
                })
                .onMessage(JournalHasAll.class, m -> Behaviors.same()) // answered already
                .build();
        this.writing = deciding()
                .onMessage(Submit.class, s -> enqueue(s) ? decideWaiting() : Behaviors.same())
                .onMessage(CheckDeadlines.class, c -> {
                    queuePassedDeadlines();
                    scheduleNextDeadline();
                    return decideWaiting();
                })
                .onMessage(WriteDone.class, this::onWriteDone)
                .onMessage(WritesTimedOut.class, this::onWritesTimedOut)
                .onMessage(JournalHasAll.class, this::onJournalHasAll)
                .build();
    }

    /** What every behavior but failing and taken over does alike. */
    private BehaviorBuilder<Message> deciding() {
        return Behaviors.receive(Message.class)
                .onMessage(GetDeployment.class, this::onGetDeployment)
                .onMessage(TakenOver.class, this::onTakenOver)
                .onMessage(AwaitEntities.class, await -> awaitEntities(await, true))
                .onMessage(EntityUnreadable.class, this::onEntityUnreadable);
    }

    /** Answers with the view as the entities last acknowledged it. */
    private Behavior<Message> onGetDeployment(GetDeployment g) {
        Deployment current = deployment;
        settings.replies().execute(() -> g.reply().complete(current));
        return Behaviors.same();
    }

    // ---- recovering: registry, then pools, then servers (pending intents redelivered), then services

    private Behavior<Message> recover() {
        last = LastDecision.NONE;
        poolSnapshots.clear();
        serviceStates.clear();
        created.clear();
        registriesLeft = registries.size();
        registries.forEach((id, ref) -> PekkoFutures.ask(context, RegistrySnapshot.class, ref,
                settings.recoveryTimeout(), RegistryEntity.Get::new, (s, f) -> new RegistryLoaded(id, s, f)));
        return recovering;
    }

    private Behavior<Message> onRegistryLoaded(RegistryLoaded m) {
        if (m.failure() != null) {
            return failRecovery("the pool registry (" + m.registry() + ")", m.failure());
        }
        String held = settings.heldPool();
        m.snapshot().pools().stream().filter(p -> held == null || held.equals(p.pool()))
                .forEach(p -> created.putIfAbsent(p.pool(), p));
        last = last.max(m.snapshot().last());
        if (--registriesLeft > 0) {
            return Behaviors.same();
        }
        waitingFor = created.size();
        if (waitingFor == 0) {
            return finishRecovery();
        }
        for (PoolCreated pool : created.values()) {
            PekkoFutures.ask(context, PoolSnapshot.class, spawnPool(pool), settings.recoveryTimeout(),
                    PoolEntity.Get::new, (s, f) -> new PoolLoaded(pool.pool(), s, f));
        }
        return Behaviors.same();
    }

    private Behavior<Message> onPoolLoaded(PoolLoaded m) {
        if (m.failure() != null) {
            return failRecovery("pool " + m.pool(), m.failure());
        }
        poolSnapshots.put(m.pool(), m.snapshot());
        last = last.max(m.snapshot().last());
        if (--waitingFor > 0) {
            return Behaviors.same();
        }
        List<ServerAdded> all = poolSnapshots.values().stream().flatMap(p -> p.servers().stream()).toList();
        waitingFor = all.size();
        if (waitingFor == 0) {
            return finishRecovery();
        }
        for (ServerAdded added : all) {
            PekkoFutures.ask(context, ServerSnapshot.class, spawnServer(added), settings.recoveryTimeout(),
                    ServerEntity.AwaitIdle::new, (s, f) -> new ServerIdle(added.server(), s, f));
        }
        return Behaviors.same();
    }

    private Behavior<Message> onServerIdle(ServerIdle m) {
        if (m.failure() != null) {
            return failRecovery("server " + m.server(), m.failure());
        }
        last = last.max(m.snapshot().last());
        if (--waitingFor > 0) {
            return Behaviors.same();
        }
        waitingFor = services.values().stream().mapToInt(Map::size).sum();
        services.values().forEach(byName -> byName.values().forEach(ref -> PekkoFutures.ask(context,
                ServiceSnapshot.class, ref, settings.recoveryTimeout(), ServiceEntity.Get::new, ServiceLoaded::new)));
        return Behaviors.same();
    }

    private Behavior<Message> onServiceLoaded(ServiceLoaded m) {
        if (m.failure() != null) {
            return failRecovery("a service", m.failure());
        }
        ServiceState state = m.snapshot().service();
        serviceStates.computeIfAbsent(state.server(), s -> new HashMap<>()).put(state.name(), state);
        last = last.max(m.snapshot().last());
        return --waitingFor > 0 ? Behaviors.same() : finishRecovery();
    }

    private Behavior<Message> finishRecovery() {
        Map<String, PoolState> poolStates = new HashMap<>();
        Map<String, ServerState> serverStates = new HashMap<>();
        poolSnapshots.forEach((name, snapshot) -> {
            poolStates.put(name, snapshot.pool());
            for (ServerAdded added : snapshot.servers()) {
                Map<String, ServiceState> byName = new LinkedHashMap<>();
                added.services().forEach(s -> byName.put(s, serviceStates.get(added.server()).get(s)));
                serverStates.put(added.server(), new ServerState(added.server(), added.pool(), added.role(),
                        added.coreService(), byName));
            }
        });
        deployment = new Deployment(poolStates, serverStates);
        // Deadlines that passed while no process ran fire first, and opening completes once they are
        // recorded: a read after opening shows the state after what opening fired.
        List<CompletableFuture<Reply>> fired = queuePassedDeadlines();
        scheduleNextDeadline();
        CompletableFuture.allOf(fired.toArray(CompletableFuture[]::new)).whenComplete((ok, f) -> opened.complete(null));
        return decideWaiting();
    }

    /** Recovery could not read an entity: opening fails, or a running instance refuses what waits and stops. */
    private Behavior<Message> failRecovery(String what, Throwable failure) {
        QuiesceException error = new QuiesceException("could not recover " + what + " from the journal: "
                + failure.getMessage(), failure);
        if (!opened.isDone()) {
            opened.completeExceptionally(error);
            return Behaviors.stopped();
        }
        inFlight.forEach(b -> b.pending.forEach(p -> answer(p.submit(), new Failed(error.getMessage()
                + " (this change may or may not have been recorded)"))));
        inFlight.clear();
        decideAgain.forEach(s -> answer(s, new Failed(error.getMessage())));
        decideAgain.clear();
        queue.forEach(s -> answer(s, new Failed(error.getMessage())));
        queue.clear();
        return Behaviors.stopped();
    }

    // ---- commands

    /** Puts a command among those waiting; false when they are already too many and it was refused as OVERLOADED. */
    private boolean enqueue(Submit submit) {
        if (queue.size() >= settings.maxPending()) {
            answer(submit, new Decided(Decision.reject(RejectionCode.OVERLOADED, queue.size()
                    + " commands are already waiting to be recorded: try again shortly.")));
            return false;
        }
        queue.add(submit);
        return true;
    }

    private Behavior<Message> waitFor(Submit submit) {
        enqueue(submit);
        return Behaviors.same();
    }

    /**
     * Decides waiting commands against the view and writes their events, then says what follows:
     * writing while writes are out, ready when nothing waits. Session traffic (connect, end, a
     * passed deadline) is decided in a row and written together, one atomic write per service, so
     * it is not limited to one journal round trip per command. Everything else is written on its
     * own. Answers go out only once every write of the batch is acknowledged.
     *
     * <p>The writes of a batch, one per service, are one transaction of the journal: they are
     * committed together or not at all. So a command decided on what an earlier one of the batch
     * changed in another service (a session id ended there and used again here) can never land
     * without it, and session ids need no rule of their own. Administrative commands, whose
     * events reach servers and pools, go alone.
     */
    private Behavior<Message> decideWaiting() {
        while (!queue.isEmpty() && canDecide(queue.peek())) {
            Batch batch = new Batch();
            Batch previous = inFlight.peekLast();
            Deployment view = previous == null ? deployment : previous.end;
            Deployment start = view;
            // Within a batch deadlines only go (session traffic sets none), so this bounds them from below.
            Instant earliestDeadline = view.nextDeadline().orElse(null);
            Map<String, List<DecisionRecorded>> byService = new LinkedHashMap<>();
            while (!queue.isEmpty() && batch.pending.size() < BatchRules.MAX_BATCH) {
                Submit next = queue.peek();
                if ((!byService.isEmpty() || previous != null) && !BatchRules.isSessionTraffic(next.command())) {
                    break; // decided once what is in flight is answered
                }
                Command command = inOrder(next.command());
                List<ServiceState> ahead = earliestDeadline != null
                        && DeadlineSchedule.before(earliestDeadline, next.command(), command.at())
                        ? DeadlineSchedule.ahead(view, next.command(), command.at()) : List.of();
                if (!ahead.isEmpty()) {
                    if (next != deadlinesPutAheadOf) {
                        deadlinesFirst(next, ahead);
                        continue; // decided before the command, as a replay of the history decides them
                    }
                    // They were put ahead of it once and are still pending: the journal did not record them.
                    queue.poll();
                    batch.pending.add(Pending.error(next, "a pause deadline that passed before this command could"
                            + " not be recorded, so the command was not decided: check status before retrying."));
                    continue;
                }
                Decision decision;
                try {
                    decision = settings.rules().decide(view, command);
                } catch (RuntimeException e) {
                    // A bug must cost one command, not the whole system: the caller hears of it.
                    context.getLog().error("could not decide {}", command, e);
                    queue.poll();
                    batch.pending.add(Pending.error(next, "internal error while deciding the command: " + e));
                    continue;
                }
                if (!(decision instanceof Decision.Accepted accepted) || accepted.changedNothing()) {
                    queue.poll();
                    batch.pending.add(Pending.answered(next, decision));
                    continue;
                }
                String target = BatchRules.singleService(accepted.events()).orElse(null);
                if (target == null && (!byService.isEmpty() || previous != null)) {
                    break; // written on its own, once what is in flight is answered
                }
                queue.poll();
                long number = last.number() + 1;
                last = last.after(number, accepted.events());
                Deployment before = view;
                Deployment after = view.evolve(accepted.events());
                batch.pending.add(new Pending(next, accepted, target == null ? WHOLE : target, null, after));
                view = after;
                if (target == null) {
                    batch.alone = true;
                    batch.issuedAt = System.nanoTime();
                    batch.writesLeft = writeAlone(batch, accepted.events(), number, before, after);
                    break;
                }
                byService.computeIfAbsent(target, t -> new ArrayList<>()).add(DecisionRecorded.of(number,
                        accepted.events()));
                if (!BatchRules.isSessionTraffic(command)) {
                    batch.alone = true; // administrative: nothing is decided on it before it is recorded
                    break;
                }
            }
            batch.end = view;
            inFlight.add(batch);
            if (!byService.isEmpty()) {
                writeSessionTraffic(batch, byService, start);
            }
            answerSettled(); // nothing of it needed writing, so nothing of it failed
        }
        return inFlight.isEmpty() ? ready : writing;
    }

    /**
     * Whether {@code next} may be decided now: with nothing in flight, anything; beside batches in
     * flight, session traffic only, up to {@link BatchRules#BATCHES_IN_FLIGHT}, once every write in flight
     * has reached the journal ({@link TransactionWhole}: the next batch would wait in the journal behind
     * them anyway, and the commands that come meanwhile go with it, in fewer writes) and enough of it waits
     * ({@link BatchRules#worthSendingBeside}); nothing once a write failed (the view is read back first).
     */
    private boolean canDecide(Submit next) {
        Batch last = inFlight.peekLast();
        return beforeFailure == null && (last == null || !last.alone && inFlight.size() < BatchRules.BATCHES_IN_FLIGHT
                && BatchRules.isSessionTraffic(next.command())
                && allWholeAndWell() && BatchRules.worthSendingBeside(last.pending.size(), queue.size()));
    }

    /** Every batch in flight has all its writes at the journal (or answered), and none has failed. */
    private boolean allWholeAndWell() {
        for (Batch b : inFlight) {
            if (!(b.whole || b.writesLeft == 0) || !b.failedTargets.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends a batch of session traffic, one write per service, as one transaction of the journal that
     * follows the transaction of the batch before it still in flight: it was decided on what that one
     * changes, so it must not land without it.
     */
    private void writeSessionTraffic(Batch batch, Map<String, List<DecisionRecorded>> byService, Deployment start) {
        long after = 0;
        for (Iterator<Batch> it = inFlight.descendingIterator(); it.hasNext(); ) {
            Batch b = it.next();
            if (b != batch && b.transaction != 0 && b.writesLeft > 0) {
                after = b.transaction;
                break;
            }
        }
        int parts = byService.size();
        // A batch of session traffic is a transaction even on one service: a batch sent after it may follow it,
        // and names it. An administrative write goes alone: nothing follows it.
        batch.transaction = parts > 1 || !batch.alone ? ++transactions : 0;
        batch.writesLeft = parts;
        batch.issuedAt = System.nanoTime();
        long transaction = batch.transaction;
        long follows = after;
        Deployment end = batch.end;
        batch.unacknowledged = new HashSet<>(byService.keySet());
        byService.forEach((target, written) -> {
            List<DecisionRecorded> decisions = written;
            if (transaction != 0) {
                decisions = new ArrayList<>(written.size());
                for (DecisionRecorded d : written) {
                    decisions.add(d.inTransaction(transaction, parts, follows));
                }
            }
            ServiceEvent first = (ServiceEvent) decisions.get(0).events().get(0);
            // The service's state before and after, as folded here: the entity keeps the same one.
            ServiceState from = start.servers().get(first.server()).service(first.service());
            ServiceState to = end.servers().get(first.server()).service(first.service());
            services.get(first.server()).get(first.service()).tell(new ServiceEntity.Apply(decisions, from, to,
                    new ServiceEntity.Receipt<Message>(context.getSelf(), new WriteDone(batch, target, null))));
        });
        timers.startSingleTimer(batch, new WritesTimedOut(batch), settings.writeTimeout());
    }

    /**
     * Callers stamp their commands on their own threads, and the deadline timer its own, so a
     * command decided after another may carry an earlier time. It is then recorded at the time of
     * the one before, so that the history's time order stays the order of decisions.
     */
    private Command inOrder(Command command) {
        Instant latest = last.at();
        if (latest == null || !command.at().isBefore(latest)) {
            return command;
        }
        if (!warnedClockBehind && command.at().plus(CLOCK_BEHIND).isBefore(latest)) {
            warnedClockBehind = true;
            context.getLog().warn("The clock reads {}, before the last recorded decision at {}: commands are"
                    + " recorded at that time (and pause deadlines count from it) until the clock catches up."
                    + " Was the clock set back?", command.at(), latest);
        }
        return command.withAt(latest);
    }

    private void answer(Submit submit, Reply reply) {
        settings.replies().execute(() -> submit.reply().complete(reply));
    }

    /**
     * Writes a decision that goes alone, which changes {@code before} into {@code after}; returns
     * how many writes it takes.
     */
    private int writeAlone(Batch batch, List<Event> events, long decision, Deployment before, Deployment after) {
        Event first = events.get(0);
        if (first instanceof PoolCreated created) {
            PekkoFutures.ask(context, Done.class, registry, settings.writeTimeout(),
                    r -> new RegistryEntity.Record(created, decision, r), (d, f) -> new WriteDone(batch, WHOLE, f));
            return 1;
        } else if (first instanceof PoolEvent pe) {
            List<PoolEvent> poolEvents = events.stream().map(PoolEvent.class::cast).toList();
            PekkoFutures.ask(context, Done.class, pools.get(pe.pool()), settings.writeTimeout(),
                    r -> new PoolEntity.Record(poolEvents, decision, r), (d, f) -> new WriteDone(batch, WHOLE, f));
            return 1;
        }
        return recordAtServer(batch, events, decision, before, after);
    }

    /**
     * A decision that reaches several services of a server (a restart, a whole-server pause): the
     * server records it whole, each service its own part, all in one transaction of the journal,
     * so it lands everywhere or nowhere and the history reads it, in order, from the server.
     */
    private int recordAtServer(Batch batch, List<Event> events, long decision, Deployment before, Deployment after) {
        Event first = events.get(0);
        String server = first instanceof ServerEvent se ? se.server() : ((ServiceEvent) first).server();
        Map<String, List<Event>> byService = ServerDecisionRecorded.byService(events);
        int parts = 1 + byService.size();
        long transaction = parts > 1 ? ++transactions : 0;
        ServerDecisionRecorded whole = new ServerDecisionRecorded(decision, events, transaction, parts);
        PekkoFutures.ask(context, Done.class, servers.get(server), settings.writeTimeout(),
                r -> new ServerEntity.Record(whole, r), (d, f) -> new WriteDone(batch, WHOLE, f));
        byService.forEach((service, part) -> {
            DecisionRecorded entry = DecisionRecorded.of(decision, part).inTransaction(transaction, parts)
                    .asPartOfServerEntry();
            ServiceState from = before.servers().get(server).service(service);
            ServiceState to = after.servers().get(server).service(service);
            PekkoFutures.ask(context, Done.class, services.get(server).get(service), settings.writeTimeout(),
                    r -> new ServiceEntity.Apply(List.of(entry), from, to, r),
                    (d, f) -> new WriteDone(batch, WHOLE, f));
        });
        return parts;
    }

    // ---- writing

    private Behavior<Message> onJournalHasAll(JournalHasAll m) {
        for (Batch b : inFlight) {
            if (b.transaction == m.whole().transaction()) {
                b.whole = true;
                return decideWaiting();
            }
        }
        return Behaviors.same();
    }

    private Behavior<Message> onWriteDone(WriteDone done) {
        Batch batch = done.batch();
        if (batch.unacknowledged != null) {
            if (!batch.unacknowledged.remove(done.target())) {
                return Behaviors.same(); // it timed out before
            }
            if (batch.unacknowledged.isEmpty()) {
                timers.cancel(batch);
            }
        }
        written(batch, done.target(), done.failure());
        return afterWrite();
    }

    private Behavior<Message> onWritesTimedOut(WritesTimedOut m) {
        Batch batch = m.batch();
        for (String target : batch.unacknowledged) {
            written(batch, target, new TimeoutException(target + " did not acknowledge its write within "
                    + settings.writeTimeout().toMillis() + " ms"));
        }
        batch.unacknowledged.clear();
        return afterWrite();
    }

    private static void written(Batch batch, String target, Throwable failure) {
        if (failure != null) {
            batch.failedTargets.put(target, failure.getMessage());
        }
        batch.writesLeft--;
    }

    /** Once a write of a batch is acknowledged, or failed. */
    private Behavior<Message> afterWrite() {
        boolean answered = answerSettled();
        if (beforeFailure != null) {
            if (!inFlight.isEmpty()) {
                return Behaviors.same();
            }
            // The view may now differ from the journal: read it back before deciding anything else.
            deployment = beforeFailure;
            beforeFailure = null;
            for (int i = decideAgain.size() - 1; i >= 0; i--) {
                queue.addFirst(decideAgain.get(i));
            }
            decideAgain.clear();
            return recover();
        }
        if (answered) { // the deadlines only change with what is answered: not at each of a batch's writes
            scheduleNextDeadline();
        }
        return decideWaiting();
    }

    /**
     * Answers the batches in flight whose writes are all back, oldest first, up to one still waiting;
     * says whether it answered any.
     */
    private boolean answerSettled() {
        boolean answered = false;
        while (!inFlight.isEmpty() && inFlight.peek().writesLeft == 0) {
            answer(inFlight.poll());
            answered = true;
        }
        return answered;
    }

    /**
     * Answers every command of the batch. Once a write failed (in this batch or one before it), what
     * was acknowledged is told on the view as the entities acknowledged it, and the view is read back
     * once nothing is in flight; a command that wrote nothing is decided again then, as its decision
     * (a refusal, say) may rest on what was not recorded.
     */
    private void answer(Batch batch) {
        if (!batch.failedTargets.isEmpty() && beforeFailure == null) {
            beforeFailure = deployment;
        }
        boolean failed = beforeFailure != null;
        // Told before any answer, so a listener added once an answer is in does not hear of this write.
        if (batch.issuedAt != 0) {
            notifier.written(Duration.ofNanos(System.nanoTime() - batch.issuedAt));
        }
        for (Pending p : batch.pending) {
            if (failed && p.error() == null && p.target() == null) {
                decideAgain.add(p.submit()); // a deadline among them stays handed out until then
                continue;
            }
            if (p.submit().command() instanceof DeadlinePassed d) {
                deadlines.answered(d);
            }
            String failure = p.error() != null ? p.error() : batch.failedTargets.get(p.target());
            if (failure != null) {
                answer(p.submit(), new Failed(p.error() != null ? failure
                        : "the journal did not record the change (" + failure + "); it may or may not have been"
                        + " applied: check status before retrying."));
                continue;
            }
            if (p.decision() instanceof Decision.Accepted a && p.target() != null) {
                // A batch is one transaction: a write acknowledged beside a failed one means the failed one
                // only timed out here. What was acknowledged is told; the read-back settles the rest.
                Deployment after = failed ? deployment.evolve(a.events()) : p.after();
                spawnFor(a.events());
                notifier.recorded(deployment, a.events(), after);
                deployment = after;
            }
            answer(p.submit(), new Decided(p.decision()));
        }
    }

    private void spawnFor(List<Event> events) {
        for (Event e : events) {
            if (e instanceof PoolCreated created) {
                spawnPool(created);
            } else if (e instanceof ServerAdded added) {
                spawnServer(added);
            }
        }
    }

    // ---- taken over

    /**
     * Answers the batch in flight and everything waiting with the reason, at once rather than when the
     * entities' writes time out, and decides nothing more: the pool's other holder decides it now,
     * and fires its pause deadlines.
     */
    private Behavior<Message> onTakenOver(TakenOver m) {
        String reason = m.reason();
        context.getLog().warn("{}", reason);
        // Its commit may have landed just before the takeover, which the new holder then shows.
        inFlight.forEach(b -> b.pending.forEach(p -> answer(p.submit(), new Failed(reason + " (this change was"
                + " recorded only if it landed before the takeover: check status there)"))));
        inFlight.clear();
        beforeFailure = null;
        decideAgain.forEach(s -> answer(s, new Failed(reason + NOT_RECORDED)));
        decideAgain.clear();
        queue.forEach(s -> answer(s, new Failed(reason + NOT_RECORDED)));
        queue.clear();
        timers.cancel(CheckDeadlines.INSTANCE);
        // Opening is over too: everything from now on is refused with the reason.
        opened.complete(null);
        return Behaviors.receive(Message.class)
                .onMessage(Submit.class, s -> {
                    answer(s, new Failed(reason + NOT_RECORDED));
                    return Behaviors.same();
                })
                .onMessage(GetDeployment.class, g -> {
                    // Another process decides this pool now: what is here may be out of date.
                    settings.replies().execute(() -> g.reply().completeExceptionally(new QuiesceException(reason)));
                    return Behaviors.same();
                })
                .onMessage(AwaitEntities.class, await -> awaitEntities(await, false))
                // Writes, recovery and deadlines still under way end here unheard: nothing more is decided.
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }

    /**
     * {@code snapshot}: the services also snapshot what the next opening would otherwise replay; not once
     * the pool was taken over (another process's to snapshot) nor with an entity unreadable.
     */
    private Behavior<Message> awaitEntities(AwaitEntities m, boolean snapshot) {
        Duration timeout = settings.recoveryTimeout();
        org.apache.pekko.actor.typed.Scheduler scheduler = context.getSystem().scheduler();
        List<ActorRef<ServiceEntity.Command>> toSnapshot = snapshot
                ? services.values().stream().flatMap(byName -> byName.values().stream()).toList() : List.of();
        entitiesAnswered(null).whenComplete((ok, failure) -> CompletableFuture.allOf(toSnapshot.stream()
                        .map(ref -> PekkoFutures.<ServiceEntity.Command, Done>ask(ref, ServiceEntity.Closing::new,
                                timeout, scheduler))
                        .toArray(CompletableFuture[]::new))
                .whenComplete((saved, notSaved) -> m.done().complete(null)));
        return Behaviors.same();
    }

    // ---- failing

    /**
     * Retrying cannot help an entity that cannot read its journal, so opening fails now rather
     * than at the recovery timeout. The entity is stopped before its restart reads again, and the
     * failure waits until every other entity has finished reading: closing the journal under a
     * read still going on crashes LevelDB's native code. Meanwhile commands wait, and recovery
     * starts nothing more.
     */
    private Behavior<Message> onEntityUnreadable(EntityUnreadable m) {
        String failingEntity = m.what().persistenceId();
        QuiesceException failing = new QuiesceException("it holds an entry this version cannot read ("
                + m.what().reason() + "); was the directory written by a newer version of Quiesce?");
        ActorRef<?> entity = entityOf(failingEntity);
        if (entity != null) {
            context.stop(entity);
        }
        ActorRef<Message> self = context.getSelf();
        entitiesAnswered(entity).whenComplete((ok, failure) -> self.tell(new OthersSettled()));
        timers.cancel(CheckDeadlines.INSTANCE);
        return Behaviors.receive(Message.class)
                .onMessage(Submit.class, this::waitFor)
                .onMessage(GetDeployment.class, this::onGetDeployment)
                .onMessage(AwaitEntities.class, await -> awaitEntities(await, false))
                .onMessage(OthersSettled.class, o -> failRecovery(failingEntity, failing))
                // Recovery, writes, deadlines and other unreadable entities: the failure above is given.
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }

    /** Completes once every entity but {@code except} has answered (or failed to within the recovery timeout). */
    private CompletableFuture<Void> entitiesAnswered(ActorRef<?> except) {
        Duration timeout = settings.recoveryTimeout();
        org.apache.pekko.actor.typed.Scheduler scheduler = context.getSystem().scheduler();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        pools.values().stream().filter(ref -> !ref.equals(except)).forEach(ref -> answers.add(
                PekkoFutures.<PoolEntity.Command, PoolSnapshot>ask(ref, PoolEntity.Get::new, timeout, scheduler)));
        servers.values().stream().filter(ref -> !ref.equals(except)).forEach(ref -> answers.add(
                PekkoFutures.<ServerEntity.Command, ServerSnapshot>ask(ref, ServerEntity.AwaitIdle::new, timeout,
                        scheduler)));
        services.values().forEach(byName -> byName.values().stream().filter(ref -> !ref.equals(except))
                .forEach(ref -> answers.add(PekkoFutures.<ServiceEntity.Command, ServiceSnapshot>ask(ref,
                        ServiceEntity.Get::new, timeout, scheduler))));
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    /** The entity of a persistence id ({@code registry}, {@code pool|P}, {@code server|S}, {@code service|S|N}). */
    private ActorRef<?> entityOf(String persistenceId) {
        String[] parts = persistenceId.split("\\|", 3);
        return switch (parts[0]) {
            case "registry" -> registries.get(persistenceId);
            case "pool" -> pools.get(parts[1]);
            case "server" -> servers.get(parts[1]);
            case "service" -> services.getOrDefault(parts[1], Map.of()).get(parts[2]);
            default -> null;
        };
    }

    // ---- pause deadlines

    /**
     * Queues a command for each deadline passed by the clock and not yet queued. It is stamped with
     * the deadline's own instant, as a replay of the history does, also when it passed while no
     * process ran: the history then reads as if it had fired on time (never before a decision
     * already recorded, see {@link #inOrder}).
     */
    private List<CompletableFuture<Reply>> queuePassedDeadlines() {
        List<CompletableFuture<Reply>> answers = new ArrayList<>();
        for (DeadlinePassed due : deadlines.due(deployment, settings.clock().instant())) {
            CompletableFuture<Reply> answer = new CompletableFuture<>();
            answers.add(answer);
            queue.add(new Submit(due, answer));
        }
        return answers;
    }

    /**
     * Puts the deadlines {@code due} ahead of {@code next}, earliest first: a replay of the history
     * fires a deadline before any later line (and deadlines in their order), so the live decisions
     * must too, also when the timer has not fired yet or its command waits further back in the
     * queue (the timer queues behind what is already waiting).
     */
    private void deadlinesFirst(Submit next, List<ServiceState> due) {
        deadlinesPutAheadOf = next;
        for (int i = due.size() - 1; i >= 0; i--) {
            DeadlinePassed first = deadlines.handOut(due.get(i));
            Submit queued = queue.stream().filter(s -> s.command().equals(first)).findFirst().orElse(null);
            if (queued != null) {
                queue.remove(queued); // keeps its answer: opening may be waiting for it
            }
            queue.addFirst(queued != null ? queued : new Submit(first, new CompletableFuture<>()));
        }
    }

    /** A timer for the earliest deadline not yet queued: one already queued is decided in its turn. */
    private void scheduleNextDeadline() {
        deadlines.nextTimer(deployment, settings.clock().instant()).ifPresentOrElse(
                delay -> timers.startSingleTimer(CheckDeadlines.INSTANCE, CheckDeadlines.INSTANCE, delay),
                () -> timers.cancel(CheckDeadlines.INSTANCE));
    }

    // ---- entities

    private ActorRef<RegistryEntity.Command> spawnRegistry(PersistenceId id) {
        String name = id.equals(RegistryEntity.PERSISTENCE_ID) ? "registry" : "registry-" + encode(id.id());
        return registries.computeIfAbsent(id.id(), i -> context.spawn(RegistryEntity.create(id, unreadable), name));
    }

    private ActorRef<PoolEntity.Command> spawnPool(PoolCreated created) {
        return pools.computeIfAbsent(created.pool(), name -> context.spawn(
                PoolEntity.create(created, settings.snapshotEvery(), unreadable), "pool-" + encode(name)));
    }

    private ActorRef<ServerEntity.Command> spawnServer(ServerAdded added) {
        Map<String, ActorRef<ServiceEntity.Command>> byName = services.computeIfAbsent(added.server(),
                s -> new LinkedHashMap<>());
        for (String service : added.services()) {
            byName.computeIfAbsent(service, s -> context.spawn(ServiceEntity.create(added.server(), s,
                    added.at(), settings.snapshotEvery(), unreadable), "service-" + encode(added.server() + "|" + s)));
        }
        return servers.computeIfAbsent(added.server(), s -> context.spawn(
                ServerEntity.create(s, byName, settings.snapshotEvery(), unreadable), "server-" + encode(s)));
    }

    /** Actor names allow a restricted alphabet; names of pools and services do not follow it. */
    private static String encode(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }
}
