package io.quiesce.benchmarks;

import io.quiesce.JournalDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * B9: three {@code quiesce serve --cluster} nodes on one PostgreSQL journal: session churn over HTTP
 * through one node and spread over the three, and how long a pool takes to move when its node is
 * killed.
 */
final class ClusterFailover implements Benchmark {
    private static final Duration START = Duration.ofSeconds(180);

    @Override
    public String id() {
        return "B9";
    }

    @Override
    public String title() {
        return "cluster";
    }

    @Override
    public String method() {
        return "Three `quiesce serve --cluster` nodes, each a JVM of its own on loopback (SerialGC, split brain"
                + " resolver deciding after 3 s of stability), on the PostgreSQL database `journal` (empty;"
                + " user and password from $QUIESCE_DB_USER and $QUIESCE_DB_PASSWORD; without it B9 is skipped)."
                + " A pool of `servers` servers; `clients` client threads each connect a session and end it"
                + " (`POST /v1/commands`, keep-alive HTTP, one command in flight per client, features rotating over"
                + " the nine services), all through the first node, then each client through one of the three in"
                + " turn; events recorded (accepted commands) per second, sampled in back-to-back windows of"
                + " `window` seconds. The pool's shard is on one node, so commands that arrive elsewhere are"
                + " forwarded to it. Then `moves` times: the node holding the pool (by `GET /v1/cluster`) is killed"
                + " with SIGKILL, and the time is taken until another node names itself holder, and until a connect"
                + " sent to a survivor (every 200 ms) is accepted; a new node then joins in its place before the next move";
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int servers = settings.integer("b9.servers", 10, 2);
        int clients = settings.integer("b9.clients", 32, 4);
        // A second at least in the smoke run too: a window with no answer at all would be no figure.
        Duration window = settings.seconds("b9.window", 3, 1);
        int warmups = settings.warmups("b9", 1);
        int iterations = settings.iterations("b9", 5);
        int moves = settings.integer("b9.moves", 3, 1);
        String url = settings.text("b9.journal", "", "");
        if (url.isBlank()) {
            return List.of();
        }
        // The user may also come as a property: the build's smoke test has a private server with no password.
        String user = System.getenv().getOrDefault("QUIESCE_DB_USER",
                System.getProperty(Settings.PREFIX + "b9.user", ""));
        JournalDatabase journal = new JournalDatabase(url, user,
                System.getenv().getOrDefault("QUIESCE_DB_PASSWORD", ""));
        Path dir = Work.fresh(work, "b9");
        List<String> seeds = List.of(ClusterNode.freeAddress(), ClusterNode.freeAddress(), ClusterNode.freeAddress());
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            for (String address : seeds) {
                nodes.add(ClusterNode.start(dir, journal, address, String.join(",", seeds)));
            }
            awaitUp(nodes);
            ClusterNode first = nodes.get(0);
            require(first.command("command", "createPool", "pool", Pools.POOL), "create the pool");
            for (int i = 0; i < servers; i++) {
                require(first.command("command", "addServer", "pool", Pools.POOL, "server", Pools.server(i)),
                        "add a server");
            }
            List<Figure> rows = new ArrayList<>();
            Figure one = churn(List.of(first), clients, window, warmups, iterations,
                    "session churn over HTTP through one node");
            Figure three = churn(List.copyOf(nodes), clients, window, warmups, iterations,
                    "session churn over HTTP spread over three nodes");
            rows.add(one);
            rows.add(three);
            rows.add(Figure.ratio(id(), "spread over three / through one", three, one, ""));
            double[] named = new double[moves];
            double[] accepted = new double[moves];
            for (int m = 0; m < moves; m++) {
                double[] took = move(nodes, dir, journal, seeds, m < moves - 1);
                named[m] = took[0];
                accepted[m] = took[1];
            }
            rows.add(Figure.of(id(), "pool moved after kill -9 of its node: another node holds it", "s", named,
                    "as `GET /v1/cluster` of a survivor says"));
            rows.add(Figure.of(id(), "pool moved after kill -9 of its node: first command accepted", "s", accepted,
                    "a connect through a survivor, tried every 200 ms"));
            return rows;
        } finally {
            for (ClusterNode n : nodes) {
                n.close();
            }
        }
    }

    /** Events accepted per second with {@code clients} clients, client k sending through node k mod n. */
    private Figure churn(List<ClusterNode> through, int clients, Duration window, int warmups, int iterations,
                         String name) throws InterruptedException {
        LongAdder events = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ClusterNode node = through.get(c % through.size());
            int client = c;
            Thread t = new Thread(() -> {
                // Bounded, whatever happens to the stop signal.
                for (long n = 0; n < 10_000_000 && !stop.get(); n++) {
                    // Each round its own clients' ids: a session id is never used twice.
                    String id = ApiChurn.sessionId(through.size() * 10_000 + client, n);
                    String feature = Pools.FEATURES.get((int) ((client + n) % Pools.FEATURES.size()));
                    if (node.command("command", "connect", "pool", Pools.POOL, "feature", feature, "id", id)) {
                        events.increment();
                        if (node.command("command", "end", "session", id)) {
                            events.increment();
                        }
                    }
                }
            }, "b9-client-" + c);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        double[] rates = new double[iterations];
        try {
            for (int it = -warmups; it < iterations; it++) {
                long before = events.sum();
                long t0 = System.nanoTime();
                Thread.sleep(window.toMillis());
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (it >= 0) {
                    rates[it] = (events.sum() - before) / seconds;
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        return Figure.of(id(), name, "events/s", rates, through.size() + " node(s), " + clients + " clients");
    }

    /**
     * Kills the pool's node; seconds until another names itself holder, and until a command is accepted.
     * With {@code replace}, a new node then joins in its place, so that the next move again has three.
     */
    private double[] move(List<ClusterNode> nodes, Path dir, JournalDatabase journal, List<String> seeds,
                          boolean replace) throws Exception {
        String holder = await("a node holding the pool", () -> nodes.get(0).owner(Pools.POOL));
        ClusterNode owner = nodes.stream().filter(n -> n.address().equals(holder)).findFirst().orElseThrow();
        List<ClusterNode> survivors = new ArrayList<>(nodes);
        survivors.remove(owner);
        ClusterNode survivor = survivors.get(0);
        long t0 = System.nanoTime();
        owner.kill();
        await("another node holding the pool", () -> survivor.owner(Pools.POOL).filter(o -> !o.equals(holder)));
        double named = (System.nanoTime() - t0) / 1e9;
        long[] probe = {0};
        awaitTrue("a command accepted for the pool", () -> survivor.command("command", "connect", "pool",
                Pools.POOL, "feature", "calls", "id", "move-" + t0 + "-" + probe[0]++));
        double accepted = (System.nanoTime() - t0) / 1e9;
        nodes.remove(owner);
        if (replace) {
            nodes.add(ClusterNode.start(dir, journal, ClusterNode.freeAddress(), String.join(",", seeds)));
            awaitUp(nodes);
        }
        return new double[] {named, accepted};
    }

    private static void awaitUp(List<ClusterNode> nodes) throws InterruptedException {
        awaitTrue("three nodes Up", () -> {
            for (ClusterNode n : nodes) {
                if (!n.alive()) {
                    throw new IllegalStateException("node " + n.address() + " exited: " + n.log());
                }
                if (!n.served() || n.membersUp() != nodes.size()) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    private static <T> T await(String what, java.util.function.Supplier<Optional<T>> probe)
            throws InterruptedException {
        long until = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < until) {
            Optional<T> got = probe.get();
            if (got.isPresent()) {
                return got.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no " + what + " within " + START.toSeconds() + " s");
    }

    private static void require(boolean accepted, String what) {
        if (!accepted) {
            throw new IllegalStateException("the cluster refused to " + what);
        }
    }
}
