package io.quiesce.properties;

import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.catalog.Role;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.properties.harness.Seeds;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.rules.Rules;
import io.quiesce.server.ServerState;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actor system under concurrent callers: several clients send their commands at once without
 * waiting for answers, so the gatekeeper decides them in batches and writes one write per service,
 * while the clock moves on, sometimes backwards (as times read on different threads may look).
 * Session ids come from a small set, so ids are reused, ended and started elsewhere within a batch,
 * and some pauses have deadlines that pass among the other commands. At the end: the export holds
 * the events of the accepted answers and, besides them, only what passed deadlines did; it
 * replays to the live state (so it is in an order the decisions were made in); no session is
 * active twice or on an OFFLINE service; and reopening gives the same state.
 *
 * <p>A seed fixes each client's commands, not how the threads interleave: a failure is reported
 * with its seed, but a rerun may interleave differently. {@code -Dquiesce.concurrentRuns=N}.
 */
class ConcurrentClientsProperties {
    static final int RUNS = Settings.integer("quiesce.concurrentRuns", 15);
    static final int CLIENTS = 4;
    static final int COMMANDS_PER_CLIENT = 80;
    static final List<String> SERVERS = List.of("fe01", "fe02", "fe03");

    @TempDir
    Path dir;

    @Test
    void concurrentClientsLeaveAJournalThatHoldsTheirAnswersAndReplays() throws Exception {
        long[] seeds = Seeds.search("concurrent-clients", RUNS);
        for (int i = 0; i < seeds.length; i++) {
            long seed = seeds[i];
            Optional<String> failure = run(dir.resolve("run-" + i), seed);
            assertThat(failure).as("seed %d (rerun with -Dquiesce.seed=%d)", seed, seed).isEmpty();
        }
    }

    private static Optional<String> run(Path data, long seed) throws Exception {
        Rules rules = Decider.standardRules();
        ManualClock clock = new ManualClock(ModelRun.START);
        QuiesceOptions options = QuiesceOptions.at(data).withClock(clock).withFsync(false).withSnapshotEvery(7);
        List<Event> accepted = new ArrayList<>();
        Deployment live;
        List<Event> history;
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try (Quiesce q = Quiesce.open(options)) {
            setUp(q, clock, accepted);
            List<CompletableFuture<List<Decision>>> clients = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(seed);
            for (int c = 0; c < CLIENTS; c++) {
                SplittableRandom client = random.split();
                List<Command.Authorized> commands = commands(client, rules.catalog(), clock);
                SplittableRandom steps = client.split();
                clients.add(CompletableFuture.supplyAsync(() -> send(q, commands, clock, steps), threads));
            }
            for (CompletableFuture<List<Decision>> client : clients) {
                for (Decision d : client.get(120, TimeUnit.SECONDS)) {
                    if (d instanceof Decision.Accepted a) {
                        accepted.addAll(a.events());
                    }
                }
            }
            // Every deadline passes and is recorded, so no timer records anything between the reads below.
            clock.advance(Duration.ofHours(1));
            q.checkDeadlines();
            Decision barrier = q.execute(new Command.End("~barrier", act(clock)));
            assertThat(barrier).as("decided after the deadlines").isInstanceOfSatisfying(Decision.Rejected.class,
                    r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.UNKNOWN_SESSION));
            live = q.status();
            history = q.history();
        } finally {
            threads.shutdownNow();
        }
        Deployment reopened;
        try (Quiesce q = Quiesce.open(options)) {
            reopened = q.status();
        }
        Map<Event, Long> answered = accepted.stream().collect(groupingBy(e -> e, counting()));
        Map<Event, Long> recorded = history.stream().filter(e -> !isDeadlines(e))
                .collect(groupingBy(e -> e, counting()));
        Map<Event, Long> answeredButDeadlines = accepted.stream().filter(e -> !isDeadlines(e))
                .collect(groupingBy(e -> e, counting()));
        if (!recorded.equals(answeredButDeadlines)) {
            return Optional.of("the export is not the events of the accepted answers: " + accepted.size()
                    + " accepted, " + history.size() + " exported");
        }
        Map<Event, Long> exported = history.stream().collect(groupingBy(e -> e, counting()));
        Optional<Event> lost = answered.keySet().stream().filter(e -> exported.getOrDefault(e, 0L) < answered.get(e))
                .findFirst();
        if (lost.isPresent()) {
            return Optional.of("an accepted answer's event is not in the export: " + lost.get());
        }
        Optional<Failure> replay = ExportReplay.compare(rules, history, live);
        if (replay.isPresent()) {
            return Optional.of(replay.get().check() + ": " + replay.get().message());
        }
        if (!reopened.equals(live)) {
            return Optional.of("the state after reopening differs:\n    " + StateDiff.describe(live, reopened));
        }
        return sessionsHeldOnce(live);
    }

    /** A pool of three servers, one of them with a MANUAL Front-End, so restarts leave services down. */
    private static void setUp(Quiesce q, ManualClock clock, List<Event> accepted) {
        List<Command.Authorized> setup = new ArrayList<>();
        setup.add(new Command.CreatePool(Generator.POOL, true, act(clock)));
        SERVERS.forEach(s -> setup.add(new Command.AddServer(Generator.POOL, s, null, act(clock))));
        setup.add(new Command.SetStartup("fe03", "Lync Server Front-End", StartupType.MANUAL, act(clock)));
        for (Command.Authorized command : setup) {
            Decision d = q.execute(command);
            assertThat(d).as(command.toString()).isInstanceOf(Decision.Accepted.class);
            accepted.addAll(((Decision.Accepted) d).events());
        }
    }

    /** Mostly session traffic over twelve ids; now and then a pause, resume, stop, start or restart. */
    private static List<Command.Authorized> commands(SplittableRandom r, Catalog catalog, ManualClock clock) {
        Role role = catalog.role(catalog.defaultRole()).orElseThrow();
        List<Feature> features = role.services().stream().flatMap(s -> s.features().stream()).toList();
        List<Command.Authorized> out = new ArrayList<>();
        for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
            String session = "s" + r.nextInt(12);
            String server = SERVERS.get(r.nextInt(SERVERS.size()));
            String service = r.nextInt(3) == 0 ? null : role.services().get(r.nextInt(role.services().size()))
                    .displayName();
            int roll = r.nextInt(100);
            // The time is set when the command is sent; the act here is a placeholder.
            Act act = act(clock);
            out.add(roll < 45 ? new Command.Connect(Generator.POOL, features.get(r.nextInt(features.size())).id(),
                    session, act)
                    : roll < 80 ? new Command.End(session, act)
                    : roll < 86 ? new Command.Pause(server, service,
                    r.nextBoolean() ? null : Duration.ofSeconds(1 + r.nextInt(5)), r.nextBoolean(), act)
                    : roll < 92 ? new Command.Resume(server, service, act)
                    : roll < 95 ? new Command.Stop(server, service, r.nextBoolean(), act)
                    : roll < 98 ? new Command.Start(server, service, act)
                    : new Command.Restart(server, r.nextBoolean(), act));
        }
        return out;
    }

    /** Sends every command without waiting for the answers, moving the clock a little before each. */
    private static List<Decision> send(Quiesce q, List<Command.Authorized> commands, ManualClock clock,
                                       SplittableRandom r) {
        List<CompletableFuture<Decision>> answers = new ArrayList<>();
        for (Command.Authorized command : commands) {
            clock.advance(Duration.ofMillis(r.nextInt(-300, 1000)));
            if (r.nextInt(10) == 0) {
                q.checkDeadlines(); // what the library's timer does, at moments of this clock
            }
            answers.add(q.executeAsync(command.withAt(clock.instant())).toCompletableFuture());
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * What a passed deadline records; the only events nobody was answered about. (A client's
     * command can record them too, a drained service after its last session ended, say.)
     */
    private static boolean isDeadlines(Event e) {
        return e instanceof Event.DrainDeadlinePassed || e instanceof Event.ServiceDrained
                || e instanceof Event.SessionInterrupted i && i.cause() == InterruptionCause.DRAIN_DEADLINE;
    }

    private static Optional<String> sessionsHeldOnce(Deployment d) {
        Map<String, String> holder = new HashMap<>();
        for (ServerState server : d.servers().values()) {
            for (ServiceState s : server.services().values()) {
                String name = s.server() + "/" + s.name();
                if (s.status() == ServiceStatus.OFFLINE && s.hasSessions()) {
                    return Optional.of(name + " is OFFLINE with sessions " + s.sessions().keySet());
                }
                for (String id : s.sessions().keySet()) {
                    String other = holder.put(id, name);
                    if (other != null) {
                        return Optional.of("session " + id + " is active on " + other + " and on " + name);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Act act(ManualClock clock) {
        return Act.of(Principals.ADMIN, clock.instant());
    }
}
