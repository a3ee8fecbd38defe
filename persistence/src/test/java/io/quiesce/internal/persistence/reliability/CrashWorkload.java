package io.quiesce.internal.persistence.reliability;

import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.StartupType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Run as a child process by {@link CrashRecoveryTest}, which kills it with SIGKILL: opens a data
 * directory with the default {@code fsync = on}, prints {@code ready}, then sends admin commands
 * and session traffic without end, up to {@link #WINDOW} at a time, logging each to a {@link SideLog}.
 *
 * <p>Arguments: data directory, side log, seed, and the second (after {@link #EPOCH}) that the
 * first command is recorded at; each command is recorded a second after the one before, so commands
 * of later runs are later in the history. The library stamps commands with its own clock, so that
 * clock is moved to each command's second just before it is sent; it moves by seconds only, so pause
 * deadlines (24 hours after their command) never come due and nothing changes but what the commands
 * change.
 */
public final class CrashWorkload {
    static final Instant EPOCH = Instant.parse("2026-11-26T10:00:00Z");
    static final String POOL = "pool1";
    static final List<String> SERVERS = List.of("fe01", "fe02", "fe03");
    static final int WINDOW = 32;

    private static final Principal ADMIN = Principal.of("alice", "Administrators");
    private static final Principal GUEST = Principal.of("mallory", "Users");
    private static final List<String> SERVICES = List.of("RTCSRV", "RTCIMMCU", "RTCAVMCU", "RTCASMCU", "RTCDATAMCU",
            "RTCCAA", "RTCCAS", "RTCCPS", "RTCRGS");
    private static final List<String> FEATURES = List.of("registration", "im", "calls", "im-conferencing",
            "av-conferencing", "app-sharing", "web-conferencing", "attendant", "conferencing-announcement",
            "call-park", "response-group", "announcement");
    /** A child left behind by a test that died must not run for ever. */
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    private CrashWorkload() {
    }

    static QuiesceOptions options(Path data) {
        return QuiesceOptions.at(data).withClock(Clock.fixed(EPOCH, ZoneOffset.UTC)).withSnapshotEvery(25);
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path sideLog = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        long firstSecond = Long.parseLong(args[3]);
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME.toMillis());
            } catch (InterruptedException ignored) {
                // Halting anyway.
            }
            Runtime.getRuntime().halt(3);
        });
        reaper.setDaemon(true);
        reaper.start();

        ExecutorService acknowledgements = Executors.newSingleThreadExecutor();
        ManualClock clock = new ManualClock(EPOCH);
        try (Quiesce q = Quiesce.open(options(data).withClock(clock)); SideLog log = SideLog.create(sideLog)) {
            Traffic traffic = new Traffic(random, q.status());
            System.out.println("ready");
            System.out.flush();
            Semaphore window = new Semaphore(WINDOW);
            for (int n = 0; ; n++) {
                window.acquire();
                Instant at = EPOCH.plusSeconds(firstSecond + n);
                Command command = traffic.next(at);
                log.sent(n, command);
                clock.advanceTo(at);
                int number = n;
                q.executeAsync(command).whenCompleteAsync((decision, failure) -> {
                    log.answered(number, outcome(decision, failure));
                    traffic.learn(decision);
                    window.release();
                }, acknowledgements);
            }
        }
    }

    private static String outcome(Decision decision, Throwable failure) {
        if (failure != null) {
            return "failed " + failure;
        }
        return CrashCheck.outcome(decision);
    }

    /** Picks the next command: first what the pool lacks, then sessions coming and going, and admin acts. */
    private static final class Traffic {
        private final Random random;
        private boolean poolMissing;
        private final List<String> serversMissing;
        /** Sessions believed active, to end; a stale one is refused, which is fine. */
        private final List<String> sessions = new ArrayList<>();

        Traffic(Random random, Deployment recovered) {
            this.random = random;
            poolMissing = recovered.pool(POOL).isEmpty();
            serversMissing = new ArrayList<>(SERVERS.stream().filter(s -> recovered.server(s).isEmpty()).toList());
            recovered.servers().values().forEach(server -> server.services().values()
                    .forEach(service -> sessions.addAll(service.sessions().keySet())));
        }

        synchronized Command next(Instant at) {
            if (poolMissing) {
                poolMissing = false;
                return new Command.CreatePool(POOL, random.nextBoolean(), Act.of(ADMIN, at));
            }
            if (!serversMissing.isEmpty()) {
                return new Command.AddServer(POOL, serversMissing.remove(0), null, Act.of(ADMIN, at));
            }
            int dice = random.nextInt(100);
            if (dice < 45) {
                return new Command.Connect(POOL, pick(FEATURES), "s" + at.getEpochSecond(), Act.of(ADMIN, at));
            }
            if (dice < 80 && !sessions.isEmpty()) {
                return new Command.End(sessions.get(random.nextInt(sessions.size())), Act.of(ADMIN, at));
            }
            // Now and then someone without the right tries: refused, it must change nothing (I8).
            Act act = Act.of(random.nextInt(20) == 0 ? GUEST : ADMIN, at);
            String server = pick(SERVERS);
            String service = random.nextInt(5) < 2 ? null : pick(SERVICES);
            boolean force = random.nextInt(3) == 0;
            return switch (random.nextInt(7)) {
                case 0 -> new Command.Pause(server, service, random.nextBoolean() ? Duration.ofHours(24) : null, force,
                        act);
                case 1 -> new Command.Resume(server, service, act);
                case 2 -> new Command.Stop(server, service, force, act);
                case 3 -> new Command.Start(server, service, act);
                case 4 -> new Command.SetStartup(server, service, pick(List.of(StartupType.values())), act);
                case 5 -> new Command.Restart(server, force, act);
                default -> new Command.SetDnsLoadBalancing(POOL, random.nextBoolean(), act);
            };
        }

        synchronized void learn(Decision decision) {
            if (decision instanceof Decision.Accepted accepted) {
                for (Event e : accepted.events()) {
                    if (e instanceof Event.SessionStarted s) {
                        sessions.add(s.session());
                    } else if (e instanceof Event.SessionEnded s) {
                        sessions.remove(s.session());
                    } else if (e instanceof Event.SessionInterrupted s) {
                        sessions.remove(s.session());
                    }
                }
            }
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
