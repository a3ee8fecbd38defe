package io.quiesce.cli.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls coming and going while a test does something else: each client connects a session and ends
 * it, again and again, each command through the next node in turn (whichever is dead answers
 * nothing). Keeps every command that got an acknowledged answer (200), and every id it sent.
 */
final class SessionTraffic implements AutoCloseable {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** Bounds each client, whatever happens to the stop signal. */
    private static final int MAX_SESSIONS_PER_CLIENT = 5_000;

    private final List<Node> nodes;
    private final String pool;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> clients = new ArrayList<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unanswered = new AtomicInteger();

    private SessionTraffic(List<Node> nodes, String pool) {
        this.nodes = List.copyOf(nodes);
        this.pool = pool;
    }

    /** Starts {@code count} clients connecting calls to {@code pool} through {@code nodes}. */
    static SessionTraffic start(List<Node> nodes, String pool, int count) {
        SessionTraffic traffic = new SessionTraffic(nodes, pool);
        for (int c = 0; c < count; c++) {
            int client = c;
            Thread t = new Thread(() -> traffic.run(client), "traffic-" + c);
            t.setDaemon(true);
            t.start();
            traffic.clients.add(t);
        }
        return traffic;
    }

    private void run(int client) {
        for (int i = 0; i < MAX_SESSIONS_PER_CLIENT && !stopping.get(); i++) {
            String id = "t" + client + "-" + i;
            sent.add(id);
            if (send(client + i, "command", "connect", "pool", pool, "feature", "calls", "id", id)) {
                connected.add(id);
                if (send(client + i + 1, "command", "end", "session", id)) {
                    ended.add(id);
                }
            } else {
                // Nobody answered: give the cluster a moment rather than spin on a dead node.
                pause();
            }
        }
    }

    private boolean send(int turn, Object... line) {
        Node node = nodes.get(Math.floorMod(turn, nodes.size()));
        try {
            return node.command(ANSWER, line).ok();
        } catch (IOException | RuntimeException e) {
            unanswered.incrementAndGet();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sessions whose connect was acknowledged. */
    Set<String> connected() {
        return Set.copyOf(connected);
    }

    /** Sessions whose end was acknowledged. */
    Set<String> ended() {
        return Set.copyOf(ended);
    }

    /** Every session id a connect was sent for, answered or not. */
    Set<String> sent() {
        return Set.copyOf(sent);
    }

    int unanswered() {
        return unanswered.get();
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the clients after their command in flight. */
    void stop() {
        stopping.set(true);
        for (Thread t : clients) {
            try {
                t.join(ANSWER.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
