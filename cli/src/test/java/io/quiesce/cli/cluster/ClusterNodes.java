package io.quiesce.cli.cluster;

import io.quiesce.JournalDatabase;
import io.quiesce.cli.QuiesceCli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A cluster of {@code quiesce serve --cluster} nodes for a test: each a child JVM on loopback with a
 * data directory of its own, all on one journal database. {@link #close()} kills every node still
 * running (thawing frozen ones first is not needed: SIGKILL ends a stopped process too).
 */
final class ClusterNodes implements AutoCloseable {
    /** How long a node may take to start and join: three JVMs share two cores with other builds. */
    static final Duration START = Duration.ofSeconds(120);

    /**
     * Failure detection made fast for tests: the split brain resolver decides after this much
     * stability instead of its production default of 20 s.
     */
    static final List<String> FAST_FAILURE_DETECTION = List.of("-Dquiesce.cluster.stable-after=3s");

    private final List<Node> nodes;

    private ClusterNodes(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code count} nodes under {@code home} and waits until every one sees all of them Up. */
    static ClusterNodes start(Path home, JournalDatabase journal, int count) throws Exception {
        List<Integer> ports = freePorts(count);
        String seeds = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<Node> nodes = new ArrayList<>();
        ClusterNodes cluster = new ClusterNodes(nodes);
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(launch(home, journal, i, "127.0.0.1:" + ports.get(i), seeds));
            }
            cluster.awaitUp(nodes);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    Node node(int index) {
        return nodes.get(index);
    }

    /** The nodes other than these. */
    List<Node> others(Node... excluded) {
        List<Node> rest = new ArrayList<>(nodes);
        rest.removeAll(List.of(excluded));
        return rest;
    }

    /**
     * The node that holds {@code pool}'s shard, as the first of {@code asked} that answers says,
     * once one of them names it.
     */
    Node owner(String pool, Collection<Node> asked, Duration limit) throws InterruptedException {
        return await("a node holding " + pool, limit, () -> {
            for (Node n : asked) {
                Optional<Node> owner = n.cluster().flatMap(v -> v.owner(pool)).flatMap(this::byAddress);
                if (owner.isPresent()) {
                    return owner;
                }
            }
            return Optional.empty();
        });
    }

    Optional<Node> byAddress(String address) {
        return nodes.stream().filter(n -> n.address().equals(address)).findFirst();
    }

    /** Waits until every node of {@code asked} says what {@code condition} wants of its view. */
    void awaitViews(String what, Collection<Node> asked, Duration limit, Predicate<ClusterView> condition)
            throws InterruptedException {
        await(what, limit, () -> asked.stream().allMatch(n -> n.cluster().filter(condition).isPresent())
                ? Optional.of(true) : Optional.empty());
    }

    /** Polls {@code probe} every 200 ms until it gives a value; fails after {@code limit} with the nodes' logs. */
    <T> T await(String what, Duration limit, Probe<T> probe) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        do {
            try {
                Optional<T> got = probe.get();
                if (got.isPresent()) {
                    return got.get();
                }
            } catch (IOException e) {
                // A node not answering yet, or any more: ask again.
            }
            Thread.sleep(200);
        } while (System.nanoTime() < until);
        throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s\n" + logs());
    }

    /** One look at the nodes: a value once what is awaited holds. */
    @FunctionalInterface
    interface Probe<T> {
        Optional<T> get() throws IOException;
    }

    /** The tail of every node's stderr, for a failure message. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (Node n : nodes) {
            String log = n.log();
            all.append("--- ").append(n).append(n.alive() ? ", says " + n.cluster().map(ClusterView::toString)
                            .orElse("nothing on /v1/cluster") : ", exited " + n.process().exitValue())
                    .append(":\n").append(log, Math.max(0, log.length() - 4000), log.length()).append('\n');
        }
        return all.toString();
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.process().destroyForcibly();
        }
        for (Node n : nodes) {
            try {
                n.process().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitUp(List<Node> started) throws InterruptedException {
        List<String> addresses = started.stream().map(Node::address).toList();
        await("cluster of " + started.size() + " nodes all Up", START, () -> {
            for (Node n : started) {
                if (!n.alive()) {
                    throw new AssertionError(n + " exited " + n.process().exitValue() + " while starting:\n" + n.log());
                }
                if (n.served().isEmpty() || n.cluster().filter(v -> v.allUp(addresses)).isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(true);
        });
    }

    private static Node launch(Path home, JournalDatabase journal, int index, String address, String seeds)
            throws IOException {
        Path data = Files.createDirectories(home.resolve("node-" + index));
        Path log = home.resolve("node-" + index + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"));
        command.addAll(FAST_FAILURE_DETECTION);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), QuiesceCli.class.getName(),
                "--data", data.toString(), "--journal", journal.url(),
                "serve", "--cluster", "--node", address, "--seed-nodes", seeds,
                "--listen", "127.0.0.1:0", "--agent-listen", "127.0.0.1:0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        builder.environment().put("QUIESCE_DB_USER", journal.user());
        builder.environment().put("QUIESCE_DB_PASSWORD", journal.password());
        return new Node(index, address, data, log, builder.start());
    }

    /** Free loopback ports for the nodes' cluster addresses (free when asked; taken at once after). */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
