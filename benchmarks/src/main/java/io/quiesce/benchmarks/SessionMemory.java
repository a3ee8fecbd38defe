package io.quiesce.benchmarks;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Authorization;
import io.quiesce.catalog.Catalog;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import io.quiesce.server.ServerState;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** B6: heap bytes per open session, in the pure core and through the API. */
final class SessionMemory implements Benchmark {
    private String timing = "";

    @Override
    public String id() {
        return "B6";
    }

    @Override
    public String title() {
        return "memory per open session";
    }

    @Override
    public String method() {
        return "Heap in use after `System.gc()` (repeated until it settles; `MemoryMXBean`) before and after opening"
                + " the sessions, divided by their number. Session ids are 36-character UUID strings, well mixed as"
                + " `UUID.randomUUID()` makes them (what the API makes up when a client gives none), each session"
                + " has its own start time, features rotate over the nine services of a pool of `servers` servers."
                + " Core: the `SessionStarted` events the rules would decide (sessions spread evenly over the"
                + " servers) folded with `Deployment.evolve`, no actor: the state the gatekeeper, a replay or a"
                + " property test holds. Then, on that state, `Rules.decide` of `decisions` new `Connect`s (not"
                + " applied), timed: the cost of deciding one command with that many sessions open. API:"
                + " `connectAsync` from `clients` concurrent clients on a data directory (fsync off, snapshots every"
                + " 1000 events), `apiSessions` sessions: the gatekeeper's view, the service entities' states (an"
                + " entity keeps the state the gatekeeper folded, so the two share their sessions), and whatever"
                + " else Pekko keeps, such as the timer of each batch's writes (and of each ask), which stays in"
                + " Pekko's scheduler until its timeout would have passed even once cancelled; fewer sessions, because the API opens"
                + " them slowly (see the decision cost)" + timing;
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int sessions = settings.integer("b6.sessions", 1_000_000, 3_000);
        int servers = settings.integer("b6.servers", 16, 2);
        int iterations = settings.iterations("b6", 3);
        int decisions = settings.integer("b6.decisions", 2_000, 100);
        int apiSessions = settings.integer("b6.apiSessions", 20_000, 300);
        int apiIterations = settings.integer("b6.apiIterations", Math.min(iterations, 3), 1);
        int clients = settings.integer("b6.clients", 64, 4);
        Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());

        double[] core = new double[iterations];
        double[] decideRate = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long before = Heap.usedAfterGc();
            Deployment d = openInCore(rules, sessions, servers);
            long after = Heap.usedAfterGc();
            int open = d.servers().values().stream().mapToInt(ServerState::sessionCount).sum();
            if (open != sessions) {
                throw new IllegalStateException(open + " sessions open, expected " + sessions);
            }
            core[i] = (after - before) / (double) sessions;
            Instant at = START.plusSeconds(86_400);
            long t0 = System.nanoTime();
            for (int k = 0; k < decisions; k++) {
                Command c = new Command.Connect(Pools.POOL, Pools.FEATURES.get(k % Pools.FEATURES.size()),
                        ApiChurn.sessionId(1000 + i, k), Act.of(Pools.ADMIN, at));
                Pools.accepted(rules.decide(d, c));
            }
            decideRate[i] = decisions * 1e9 / (System.nanoTime() - t0);
            Reference.reachabilityFence(d);
        }
        double[] api = new double[apiIterations];
        double[] apiRate = new double[apiIterations];
        for (int i = 0; i < apiIterations; i++) {
            Path dir = Work.fresh(work, "b6-api");
            try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withFsync(false))) {
                Pools.create(q.as(Pools.ADMIN), servers);
                long before = Heap.usedAfterGc();
                long t0 = System.nanoTime();
                ApiChurn load = new ApiChurn(q, clients, false, apiSessions);
                load.start();
                load.await();
                apiRate[i] = load.events.sum() * 1e9 / (System.nanoTime() - t0);
                if (load.failures.sum() > 0) {
                    throw new IllegalStateException("opening sessions failed: " + load.firstFailure);
                }
                long after = Heap.usedAfterGc();
                int open = q.status().servers().values().stream().mapToInt(ServerState::sessionCount).sum();
                api[i] = (after - before) / (double) open;
            }
            Work.delete(dir);
        }
        timing = String.format(Locale.ROOT, ". The API opened its sessions at %,.0f sessions/s (median)",
                Summary.of(apiRate).median());
        List<Figure> rows = new ArrayList<>();
        rows.add(Figure.of(id(), String.format(Locale.ROOT, "core Deployment, %,d sessions", sessions), "bytes/session",
                core, ""));
        rows.add(Figure.of(id(), String.format(Locale.ROOT, "core Rules.decide(Connect) with %,d sessions open",
                sessions), "decisions/s", decideRate, "the duplicate-id check is one lookup in the session index"));
        rows.add(Figure.of(id(), String.format(Locale.ROOT, "through the API, %,d sessions", apiSessions),
                "bytes/session", api, ""));
        return rows;
    }

    private static final Instant START = Instant.parse("2026-11-26T22:00:00Z");

    /** The pool through the rules, then the sessions as the events the rules would decide for them. */
    private static Deployment openInCore(Rules rules, int sessions, int servers) {
        Deployment d = Deployment.empty();
        d = d.evolve(Pools.accepted(rules.decide(d, new Command.CreatePool(Pools.POOL, true,
                Act.of(Pools.ADMIN, START)))).events());
        for (int s = 0; s < servers; s++) {
            d = d.evolve(Pools.accepted(rules.decide(d, new Command.AddServer(Pools.POOL, Pools.server(s), null,
                    Act.of(Pools.ADMIN, START)))).events());
        }
        List<String> services = d.serversOf(Pools.POOL).get(0).services().keySet().stream().toList();
        for (int i = 0; i < sessions; i++) {
            int feature = i % Pools.FEATURES.size();
            // Round robin over the servers: what least-loaded routing gives when sessions only open.
            String server = Pools.server((i / Pools.FEATURES.size()) % servers);
            d = d.evolve(new Event.SessionStarted(START.plusMillis(i), server, services.get(feature),
                    ApiChurn.sessionId(i % 64, i), Pools.FEATURES.get(feature), Pools.ADMIN.name()));
        }
        return d;
    }
}
