package io.quiesce.persistence;

import io.quiesce.command.Command;
import io.quiesce.command.Command.DeadlinePassed;
import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.PoolEvent;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServerEvent;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.persistence.entity.PoolEntity;
import io.quiesce.persistence.entity.PoolSnapshot;
import io.quiesce.persistence.entity.RegistryEntity;
import io.quiesce.persistence.entity.RegistrySnapshot;
import io.quiesce.persistence.entity.ServerEntity;
import io.quiesce.persistence.entity.ServiceEntity;
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
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * The one door to the entities. It keeps the deployment as the entities last acknowledged it,
 * decides each command with the core {@link Rules} against that view (so pool-wide guards see one
 * consistent state), has the entities record the events, and only then answers. Commands are
 * decided one at a time, in arrival order; those waiting are queued up to a limit, past which
 * they are refused as OVERLOADED rather than dropped.
 */
final class Gatekeeper extends AbstractBehavior<Gatekeeper.Message> {

    sealed interface Message {
    }

    record Submit(Command command, ActorRef<Reply> replyTo) implements Message {
    }

    record GetDeployment(ActorRef<Deployment> replyTo) implements Message {
    }

    /** Fire every pause deadline that has passed by the clock. */
    enum CheckDeadlines implements Message { INSTANCE }

    private record RegistryLoaded(RegistrySnapshot snapshot, Throwable failure) implements Message {
    }

    private record PoolLoaded(String pool, PoolSnapshot snapshot, Throwable failure) implements Message {
    }

    private record ServerIdle(String server, Throwable failure) implements Message {
    }

    private record ServiceLoaded(ServiceState state, Throwable failure) implements Message {
    }

    private record WriteDone(Throwable failure) implements Message {
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
    }

    record Settings(Rules rules, Clock clock, int snapshotEvery, int maxPending, Duration writeTimeout,
                    Duration recoveryTimeout) {
    }

    private final Settings settings;
    private final Notifier notifier;
    private final CompletableFuture<Void> ready;
    private final TimerScheduler<Message> timers;
    private final Queue<Submit> queue = new ArrayDeque<>();

    private final ActorRef<RegistryEntity.Command> registry;
    private final Map<String, ActorRef<PoolEntity.Command>> pools = new HashMap<>();
    private final Map<String, ActorRef<ServerEntity.Command>> servers = new HashMap<>();
    private final Map<String, Map<String, ActorRef<ServiceEntity.Command>>> services = new HashMap<>();

    private Deployment deployment = Deployment.empty();
    private boolean recovering = true;
    private Submit inFlight;
    private Decision.Accepted inFlightDecision;

    // Recovery progress.
    private List<PoolCreated> created = List.of();
    private final Map<String, PoolSnapshot> poolSnapshots = new LinkedHashMap<>();
    private final Map<String, Map<String, ServiceState>> serviceStates = new HashMap<>();
    private int waitingFor;

    static Behavior<Message> create(Settings settings, Notifier notifier, CompletableFuture<Void> ready) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Gatekeeper(ctx, timers, settings,
                notifier, ready)));
    }

    private Gatekeeper(ActorContext<Message> context, TimerScheduler<Message> timers, Settings settings,
                       Notifier notifier, CompletableFuture<Void> ready) {
        super(context);
        this.settings = settings;
        this.notifier = notifier;
        this.ready = ready;
        this.timers = timers;
        this.registry = context.spawn(RegistryEntity.create(), "registry");
        recover();
    }

    @Override
    public Receive<Message> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(GetDeployment.class, g -> {
                    g.replyTo().tell(deployment);
                    return this;
                })
                .onMessage(CheckDeadlines.class, c -> onCheckDeadlines())
                .onMessage(RegistryLoaded.class, this::onRegistryLoaded)
                .onMessage(PoolLoaded.class, this::onPoolLoaded)
                .onMessage(ServerIdle.class, this::onServerIdle)
                .onMessage(ServiceLoaded.class, this::onServiceLoaded)
                .onMessage(WriteDone.class, this::onWriteDone)
                .build();
    }

    // ---- recovery: registry, then pools, then servers (pending intents redelivered), then services

    private void recover() {
        recovering = true;
        poolSnapshots.clear();
        serviceStates.clear();
        getContext().ask(RegistrySnapshot.class, registry, settings.recoveryTimeout(), RegistryEntity.Get::new,
                RegistryLoaded::new);
    }

    private Behavior<Message> onRegistryLoaded(RegistryLoaded m) {
        if (m.failure() != null) {
            return failRecovery("the pool registry", m.failure());
        }
        created = m.snapshot().pools();
        waitingFor = created.size();
        if (waitingFor == 0) {
            return finishRecovery();
        }
        for (PoolCreated pool : created) {
            getContext().ask(PoolSnapshot.class, spawnPool(pool), settings.recoveryTimeout(), PoolEntity.Get::new,
                    (s, f) -> new PoolLoaded(pool.pool(), s, f));
        }
        return this;
    }

    private Behavior<Message> onPoolLoaded(PoolLoaded m) {
        if (m.failure() != null) {
            return failRecovery("pool " + m.pool(), m.failure());
        }
        poolSnapshots.put(m.pool(), m.snapshot());
        if (--waitingFor > 0) {
            return this;
        }
        List<ServerAdded> all = poolSnapshots.values().stream().flatMap(p -> p.servers().stream()).toList();
        waitingFor = all.size();
        if (waitingFor == 0) {
            return finishRecovery();
        }
        for (ServerAdded added : all) {
            getContext().ask(Done.class, spawnServer(added), settings.recoveryTimeout(), ServerEntity.AwaitIdle::new,
                    (d, f) -> new ServerIdle(added.server(), f));
        }
        return this;
    }

    private Behavior<Message> onServerIdle(ServerIdle m) {
        if (m.failure() != null) {
            return failRecovery("server " + m.server(), m.failure());
        }
        if (--waitingFor > 0) {
            return this;
        }
        waitingFor = services.values().stream().mapToInt(Map::size).sum();
        services.values().forEach(byName -> byName.values().forEach(ref -> getContext().ask(ServiceState.class,
                ref, settings.recoveryTimeout(), ServiceEntity.Get::new, ServiceLoaded::new)));
        return this;
    }

    private Behavior<Message> onServiceLoaded(ServiceLoaded m) {
        if (m.failure() != null) {
            return failRecovery("a service", m.failure());
        }
        serviceStates.computeIfAbsent(m.state().server(), s -> new HashMap<>()).put(m.state().name(), m.state());
        return --waitingFor > 0 ? this : finishRecovery();
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
        recovering = false;
        ready.complete(null);
        getContext().getSelf().tell(CheckDeadlines.INSTANCE);
        return drain();
    }

    private Behavior<Message> failRecovery(String what, Throwable failure) {
        QuiesceException error = new QuiesceException("could not recover " + what + " from the journal: "
                + failure.getMessage(), failure);
        if (!ready.isDone()) {
            ready.completeExceptionally(error);
            return Behaviors.stopped();
        }
        // A running instance that cannot re-read its journal refuses everything waiting.
        queue.forEach(s -> s.replyTo().tell(new Failed(error.getMessage())));
        queue.clear();
        return Behaviors.stopped();
    }

    // ---- commands

    private Behavior<Message> onSubmit(Submit submit) {
        if (queue.size() >= settings.maxPending()) {
            submit.replyTo().tell(new Decided(Decision.reject(RejectionCode.OVERLOADED, queue.size()
                    + " commands are already waiting to be recorded: try again shortly.")));
            return this;
        }
        queue.add(submit);
        return drain();
    }

    private Behavior<Message> drain() {
        while (!recovering && inFlight == null && !queue.isEmpty()) {
            Submit next = queue.poll();
            try {
                Decision decision = settings.rules().decide(deployment, next.command());
                if (decision instanceof Decision.Accepted accepted && !accepted.changedNothing()) {
                    inFlight = next;
                    inFlightDecision = accepted;
                    write(accepted.events());
                } else {
                    next.replyTo().tell(new Decided(decision));
                }
            } catch (RuntimeException e) {
                // A bug must cost one command, not the whole system: the caller hears of it.
                getContext().getLog().error("could not handle {}", next.command(), e);
                inFlight = null;
                inFlightDecision = null;
                next.replyTo().tell(new Failed("internal error while handling the command: " + e));
            }
        }
        return this;
    }

    private void write(List<Event> events) {
        Event first = events.get(0);
        if (first instanceof PoolCreated created) {
            getContext().ask(Done.class, registry, settings.writeTimeout(),
                    r -> new RegistryEntity.Record(created, r), (d, f) -> new WriteDone(f));
        } else if (first instanceof PoolEvent pe) {
            List<PoolEvent> poolEvents = events.stream().map(PoolEvent.class::cast).toList();
            getContext().ask(Done.class, pools.get(pe.pool()), settings.writeTimeout(),
                    r -> new PoolEntity.Record(poolEvents, r), (d, f) -> new WriteDone(f));
        } else if (singleService(events)) {
            ServiceEvent se = (ServiceEvent) first;
            List<ServiceEvent> serviceEvents = events.stream().map(ServiceEvent.class::cast).toList();
            getContext().ask(Done.class, services.get(se.server()).get(se.service()), settings.writeTimeout(),
                    r -> new ServiceEntity.Apply(serviceEvents, 0, r), (d, f) -> new WriteDone(f));
        } else {
            String server = first instanceof ServerEvent s ? s.server() : ((ServiceEvent) first).server();
            getContext().ask(Done.class, servers.get(server), settings.writeTimeout(),
                    r -> new ServerEntity.Deliver(events, r), (d, f) -> new WriteDone(f));
        }
    }

    private static boolean singleService(List<Event> events) {
        if (!(events.get(0) instanceof ServiceEvent first)) {
            return false;
        }
        return events.stream().allMatch(e -> e instanceof ServiceEvent se
                && se.server().equals(first.server()) && se.service().equals(first.service()));
    }

    private Behavior<Message> onWriteDone(WriteDone done) {
        Submit submit = inFlight;
        Decision.Accepted decision = inFlightDecision;
        inFlight = null;
        inFlightDecision = null;
        if (done.failure() != null) {
            submit.replyTo().tell(new Failed("the journal did not record the change (" + done.failure().getMessage()
                    + "); it may or may not have been applied: check status before retrying."));
            // The view may now differ from the journal: read it back before deciding anything else.
            recover();
            return this;
        }
        Deployment before = deployment;
        deployment = deployment.evolve(decision.events());
        for (Event e : decision.events()) {
            if (e instanceof PoolCreated created) {
                spawnPool(created);
            } else if (e instanceof ServerAdded added) {
                spawnServer(added);
            }
        }
        notifier.recorded(before, decision.events(), deployment);
        submit.replyTo().tell(new Decided(decision));
        scheduleNextDeadline();
        return drain();
    }

    // ---- pause deadlines

    private Behavior<Message> onCheckDeadlines() {
        if (recovering) {
            return this;
        }
        Instant now = settings.clock().instant();
        deployment.pendingDeadlines().stream().filter(s -> !s.deadline().isAfter(now)).forEach(s ->
                queue.add(new Submit(new DeadlinePassed(s.server(), s.name(), now),
                        getContext().getSystem().ignoreRef())));
        scheduleNextDeadline();
        return drain();
    }

    private void scheduleNextDeadline() {
        deployment.nextDeadline().ifPresentOrElse(at -> {
            Duration delay = Duration.between(settings.clock().instant(), at);
            timers.startSingleTimer(CheckDeadlines.INSTANCE, CheckDeadlines.INSTANCE,
                    delay.isNegative() ? Duration.ZERO : delay);
        }, () -> timers.cancel(CheckDeadlines.INSTANCE));
    }

    // ---- entities

    private ActorRef<PoolEntity.Command> spawnPool(PoolCreated created) {
        return pools.computeIfAbsent(created.pool(), name -> getContext().spawn(
                PoolEntity.create(created, settings.snapshotEvery()), "pool-" + encode(name)));
    }

    private ActorRef<ServerEntity.Command> spawnServer(ServerAdded added) {
        Map<String, ActorRef<ServiceEntity.Command>> byName = services.computeIfAbsent(added.server(),
                s -> new LinkedHashMap<>());
        for (String service : added.services()) {
            byName.computeIfAbsent(service, s -> getContext().spawn(ServiceEntity.create(added.server(), s,
                    added.at(), settings.snapshotEvery()), "service-" + encode(added.server() + "|" + s)));
        }
        return servers.computeIfAbsent(added.server(), s -> getContext().spawn(
                ServerEntity.create(s, byName, settings.snapshotEvery()), "server-" + encode(s)));
    }

    /** Actor names allow a restricted alphabet; names of pools and services do not follow it. */
    private static String encode(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }
}
