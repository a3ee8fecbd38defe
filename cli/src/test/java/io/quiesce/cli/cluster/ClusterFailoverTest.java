package io.quiesce.cli.cluster;

import io.quiesce.JournalDatabase;
import io.quiesce.event.Event;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.status.StatusJson;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import io.quiesce.internal.persistence.reliability.SpecInvariants;
import io.quiesce.rollout.RolloutStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode as it fails: three {@code quiesce serve --cluster} nodes as child JVMs on loopback,
 * one PostgreSQL journal. The node holding a pool is killed with SIGKILL in the middle of traffic,
 * a rollout and pending pause deadlines; or frozen with SIGSTOP, downed by the others, and let run
 * again. Each time another node takes the pool over within a minute, nothing acknowledged is lost,
 * nothing is done twice, and the invariants hold on what the journal holds.
 */
@ExtendWith(PrivatePostgres.class)
class ClusterFailoverTest {
    /** Generous: the figure itself is printed, and measured in the benchmarks. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(60);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final String IM = "RTCIMMCU";
    /** The exit code of a node the split brain resolver downed. */
    private static final int DOWNED = 75;

    @TempDir
    Path home;

    ClusterNodes cluster;

    @AfterEach
    void killEveryNode() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void givenTrafficARolloutAndDeadlines_whenThePoolsNodeIsKilled_thenAnotherTakesItOverAndNothingIsLostOrDoneTwice(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase journal = databases.create();
        cluster = ClusterNodes.start(home, journal, 3);

        // given pool1 of four servers, a call held on fe01 and an IM conference on each server (fe01 to fe04 in turn)
        must(cluster.node(0), "command", "createPool", "pool", "pool1");
        for (int s = 1; s <= 4; s++) {
            must(cluster.node(s % 3), "command", "addServer", "pool", "pool1", "server", "fe0" + s);
        }
        must(cluster.node(1), "command", "connect", "pool", "pool1", "feature", "calls", "id", "hold-1");
        for (int s = 1; s <= 4; s++) {
            must(cluster.node(s % 3), "command", "connect", "pool", "pool1", "feature", "im-conferencing",
                    "id", "im-" + s);
        }
        Node owner = cluster.owner("pool1", cluster.nodes(), Duration.ofSeconds(30));
        awaitStatusShows(cluster.nodes(), "pool1");
        List<Node> survivors = cluster.others(owner);
        Node a = survivors.get(0);
        Node b = survivors.get(1);
        assertThat(service(a, "fe01", "RTCSRV")).containsEntry("sessions", 1L);
        assertThat(service(b, "fe04", IM)).containsEntry("sessions", 1L);

        // and a rollout of fe01 and fe02, started through the pool's node, waiting for fe01 to drain
        Path patched = home.resolve("patched.log");
        Reply started = owner.post("/v1/rollouts/pool1/start", JsonText.write(Map.of("servers", "fe01,fe02",
                "exec", "echo {server} >> " + patched, "reason", "failover test", "as", Node.OPERATOR,
                "groups", List.of("Administrators"))), ANSWER);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        awaitRolloutStep(a, "DRAIN", "fe01");

        // and a pause deadline on fe04's IM conferencing that passes before the kill
        must(a, "command", "pause", "server", "fe04", "service", IM, "deadline", "PT2S");
        cluster.await("fe04's deadline", Duration.ofSeconds(30), () -> Optional.of(service(b, "fe04", IM))
                .filter(s -> "DRAINED".equals(s.get("status"))));

        // and calls coming and going through every node
        try (SessionTraffic traffic = SessionTraffic.start(cluster.nodes(), "pool1", 2)) {
            cluster.await("traffic", Duration.ofSeconds(60), () -> traffic.connected().size() >= 10
                    ? Optional.of(true) : Optional.empty());
            // and one on fe03's that passes while the pool moves
            must(b, "command", "pause", "server", "fe03", "service", IM, "deadline", "PT3S");

            // when the node holding pool1 is killed
            long killed = System.nanoTime();
            owner.kill();

            // then another node holds pool1 and takes commands for it, within the bound
            Node successor = cluster.owner("pool1", survivors, TAKEOVER_BOUND);
            double moved = seconds(killed);
            List<String> probes = new ArrayList<>();
            cluster.await("a command accepted for pool1", TAKEOVER_BOUND, () -> {
                String id = "probe-" + probes.size();
                probes.add(id);
                return Optional.of(a.command(ANSWER, "command", "connect", "pool", "pool1", "feature", "calls",
                        "id", id)).filter(Reply::ok);
            });
            double takenOver = seconds(killed);
            System.out.printf(Locale.ROOT, "kill -9 of %s: %s holds pool1 after %.1f s, first command accepted"
                    + " after %.1f s%n", owner, successor, moved, takenOver);
            assertThat(successor).isNotEqualTo(owner);
            assertThat(takenOver).isLessThan(TAKEOVER_BOUND.toSeconds());
            int before = traffic.connected().size();
            cluster.await("traffic after the takeover", Duration.ofSeconds(60), () ->
                    traffic.connected().size() >= before + 5 ? Optional.of(true) : Optional.empty());
            traffic.stop();
            System.out.printf(Locale.ROOT, "traffic: %d calls connected and %d ended with an answer, %d commands"
                    + " unanswered%n", traffic.connected().size(), traffic.ended().size(), traffic.unanswered());

            // and once every call is over (those whose answer was lost too), fe01 drains
            Set<String> open = new HashSet<>(traffic.sent());
            open.removeAll(traffic.ended());
            open.addAll(probes);
            open.addAll(List.of("hold-1", "im-1", "im-2"));
            for (String id : open) {
                endIfOpen(a, id);
            }

            // then the rollout carries on at fe01's drain and completes; fe03's deadline fired
            Map<String, Object> end = cluster.await("the rollout's end", Duration.ofSeconds(120), () ->
                    Optional.of(a.get("/v1/rollouts/pool1", ANSWER)).filter(Reply::ok).map(Reply::json)
                            .filter(r -> !"IN_PROGRESS".equals(r.get("status"))));
            assertThat(end).as(cluster.logs()).containsEntry("status", "COMPLETED");
            assertThat(service(a, "fe03", IM)).containsEntry("status", "DRAINED");
            stopCleanly(survivors);

            // and the journal holds every acknowledged command, each deadline fired once, each step taken once
            Recorded r = Recorded.read(home.resolve("check"), journal, "pool1");
            Set<String> startedSessions = new HashSet<>(r.count(Event.SessionStarted.class,
                    Event.SessionStarted::session).keySet());
            assertThat(startedSessions).containsAll(traffic.connected()).contains("hold-1", "im-1", "im-2", "im-3",
                    "im-4");
            assertThat(r.count(Event.SessionEnded.class, Event.SessionEnded::session).keySet())
                    .containsAll(traffic.ended());
            assertThat(r.count(Event.SessionStarted.class, Event.SessionStarted::session))
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(r.count(Event.DrainDeadlinePassed.class, Event.DrainDeadlinePassed::server))
                    .isEqualTo(Map.of("fe03", 1, "fe04", 1));
            assertThat(r.all(Event.SessionInterrupted.class, i -> true)).extracting(Event.SessionInterrupted::session)
                    .containsExactlyInAnyOrder("im-3", "im-4");
            assertThat(r.rolloutState().status()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(r.stepsStarted()).hasSize(16).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1));
            assertThat(r.stepsDone()).isEqualTo(r.stepsStarted());
            assertThat(Files.readAllLines(patched)).containsExactly("fe01", "fe02");
            assertThat(SpecInvariants.check(r.catalog(), r.state(), r.history())).isEmpty();
        }
    }

    @Test
    void givenAPendingDeadline_whenThePoolsNodeIsFrozen_thenItIsDownedThePoolMovesAndThawedItWritesNothing(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase journal = databases.create();
        cluster = ClusterNodes.start(home, journal, 3);

        // given pool1 of three servers with an IM conference on each, and a call
        must(cluster.node(0), "command", "createPool", "pool", "pool1");
        for (int s = 1; s <= 3; s++) {
            must(cluster.node(s % 3), "command", "addServer", "pool", "pool1", "server", "fe0" + s);
            must(cluster.node(s % 3), "command", "connect", "pool", "pool1", "feature", "im-conferencing",
                    "id", "im-" + s);
        }
        must(cluster.node(2), "command", "connect", "pool", "pool1", "feature", "calls", "id", "call-1");
        Node frozen = cluster.owner("pool1", cluster.nodes(), Duration.ofSeconds(30));
        awaitStatusShows(cluster.nodes(), "pool1");
        List<Node> others = cluster.others(frozen);
        Node a = others.get(0);

        // and a pause of fe02's IM conferencing whose deadline passes while its node stands still
        must(a, "command", "pause", "server", "fe02", "service", IM, "deadline", "PT4S");

        // when the node holding pool1 is frozen, with a call sent to it waiting in its socket
        frozen.freeze();
        long froze = System.nanoTime();
        CompletableFuture<String> zombie = CompletableFuture.supplyAsync(() -> {
            try {
                return "HTTP " + frozen.command(Duration.ofSeconds(90), "command", "connect", "pool", "pool1",
                        "feature", "calls", "id", "zombie-1").status();
            } catch (IOException e) {
                return "no answer (" + e.getClass().getSimpleName() + ")";
            }
        });

        // then the others down it and pool1 moves to one of them
        cluster.awaitViews("the frozen node downed", others, TAKEOVER_BOUND, v -> v.gone(frozen.address()));
        double downed = seconds(froze);
        Node successor = cluster.await("pool1 on another node", TAKEOVER_BOUND, () -> a.cluster()
                .flatMap(v -> v.owner("pool1")).filter(o -> !o.equals(frozen.address())).flatMap(cluster::byAddress));
        double moved = seconds(froze);
        System.out.printf(Locale.ROOT, "SIGSTOP of %s: downed by the others after %.1f s, pool1 on %s after %.1f s%n",
                frozen, downed, successor, moved);
        cluster.await("a command accepted for pool1", TAKEOVER_BOUND, () -> Optional.of(a.command(ANSWER,
                "command", "connect", "pool", "pool1", "feature", "calls", "id", "after-" + System.nanoTime()))
                .filter(Reply::ok));
        double takenOver = seconds(froze);
        System.out.printf(Locale.ROOT, "SIGSTOP of %s: first command accepted for pool1 after %.1f s%n", frozen,
                takenOver);
        assertThat(takenOver).isLessThan(TAKEOVER_BOUND.toSeconds());
        // and the deadline that passed meanwhile fires on the new holder
        cluster.await("fe02's deadline", Duration.ofSeconds(30), () -> Optional.of(service(a, "fe02", IM))
                .filter(s -> "DRAINED".equals(s.get("status"))));

        // when it runs again
        frozen.thaw();

        // then it leaves: it exits by itself as a downed node does, having written nothing
        assertThat(frozen.process().waitFor(60, TimeUnit.SECONDS)).as("the thawed node exits\n" + frozen.log())
                .isTrue();
        System.out.printf(Locale.ROOT, "thawed %s exited %d; the call sent to it while frozen: %s; its log:%n%s%n",
                frozen, frozen.process().exitValue(), zombie.get(100, TimeUnit.SECONDS), frozen.log());
        assertThat(frozen.process().exitValue()).as(frozen.log()).isEqualTo(DOWNED);
        Map<String, Object> live = pool(successor.get("/v1/status/pool1", ANSWER).json(), "pool1");
        stopCleanly(others);
        Recorded r = Recorded.read(home.resolve("check"), journal, "pool1");
        assertThat(r.count(Event.DrainDeadlinePassed.class, Event.DrainDeadlinePassed::server))
                .isEqualTo(Map.of("fe02", 1));
        assertThat(r.count(Event.SessionInterrupted.class, Event.SessionInterrupted::session))
                .isEqualTo(Map.of("im-2", 1));
        assertThat(r.count(Event.SessionStarted.class, Event.SessionStarted::session))
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        // and the new holder's state is the whole history's: nothing was written behind its back
        assertThat(pool(roundTrip(StatusJson.of(r.folded(), r.catalog())), "pool1")).isEqualTo(live);
        assertThat(SpecInvariants.check(r.catalog(), r.state(), r.history())).isEmpty();
    }

    /** A command that must be accepted. */
    private static void must(Node node, Object... line) throws IOException {
        Reply r = node.command(ANSWER, line);
        assertThat(r.status()).as("%s through %s: %s", List.of(line), node, r.body()).isEqualTo(200);
    }

    /**
     * Ends a session if it is open: accepted, or refused as unknown (never opened, or ended already);
     * asked again while the cluster answers 503 (busy, or the pool still moving).
     */
    private void endIfOpen(Node node, String session) throws InterruptedException {
        cluster.await("an answer to ending " + session, Duration.ofSeconds(60), () -> {
            Reply r = node.command(ANSWER, "command", "end", "session", session);
            return r.status() < 500 ? Optional.of(r) : Optional.empty();
        });
    }

    /**
     * Waits until every node's status has the pool: a node learns of a pool created elsewhere when it
     * next reads the pools of the journal database (every few seconds).
     */
    private void awaitStatusShows(List<Node> nodes, String pool) throws InterruptedException {
        cluster.await("every node's status showing " + pool, Duration.ofSeconds(30), () -> {
            for (Node n : nodes) {
                if (!n.get("/v1/status/" + pool, ANSWER).ok()) {
                    return Optional.empty();
                }
            }
            return Optional.of(true);
        });
    }

    private void awaitRolloutStep(Node node, String step, String server) throws InterruptedException {
        cluster.await("rollout step " + step + " " + server, Duration.ofSeconds(60), () ->
                Optional.of(node.get("/v1/rollouts/pool1", ANSWER)).filter(Reply::ok).map(Reply::json)
                        .filter(r -> r.get("next") instanceof Map<?, ?> next && step.equals(next.get("step"))
                                && server.equals(next.get("server")) && Boolean.TRUE.equals(next.get("underWay"))));
    }

    /** SIGTERM to each, and each exits 0. */
    private static void stopCleanly(List<Node> nodes) throws InterruptedException {
        nodes.forEach(n -> n.process().destroy());
        for (Node n : nodes) {
            assertThat(n.process().waitFor(60, TimeUnit.SECONDS)).as(n + " stops on SIGTERM").isTrue();
            assertThat(n.process().exitValue()).as(n.log()).isZero();
        }
    }

    /** One service of a server as {@code GET /v1/status/SERVER} shows it. */
    private static Map<String, Object> service(Node node, String server, String shortName) throws IOException {
        Reply r = node.get("/v1/status/" + server, ANSWER);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (Object p : list(r.json().get("pools"))) {
            for (Object s : list(map(p).get("servers"))) {
                if (server.equals(map(s).get("name"))) {
                    for (Object v : list(map(s).get("services"))) {
                        if (shortName.equals(map(v).get("shortName"))) {
                            return map(v);
                        }
                    }
                }
            }
        }
        throw new AssertionError("no " + shortName + " on " + server + " in " + r.body());
    }

    private static Map<String, Object> pool(Map<String, Object> status, String name) {
        return list(status.get("pools")).stream().map(ClusterFailoverTest::map)
                .filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + name + " in " + status));
    }

    /** The same JSON as an answer would carry it (numbers as the parser reads them). */
    private static Map<String, Object> roundTrip(Map<String, Object> json) {
        return map(JsonText.parse(JsonText.write(json)));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
