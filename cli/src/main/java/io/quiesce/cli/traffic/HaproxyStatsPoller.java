package io.quiesce.cli.traffic;

import io.quiesce.Operator;
import io.quiesce.Target;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds HAProxy's session counts to Quiesce as observed sessions. Every {@code every} it reads
 * {@code show stat} and, for each server line, observes {@code scur} on the Quiesce server of the
 * same name and the service its backend stands for ({@code backends}: backend name to service
 * name; a backend not listed is taken to be named after its service, such as {@code RTCSRV}).
 *
 * <p>A count is sent when it differs from the last one sent, and again every {@link #RESEND}
 * in case something else (a forced restart) reset Quiesce's count meanwhile. The rules record
 * only real changes either way. A refusal (a server Quiesce does not know) is logged once.
 */
public final class HaproxyStatsPoller implements AutoCloseable {
    static final Duration RESEND = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(HaproxyStatsPoller.class);

    /** Where the counts go: an operator's {@code observeAsync}. */
    @FunctionalInterface
    public interface Sink {
        /** Records the count; completes with the refusal, if the count was refused. */
        CompletionStage<Optional<Rejection>> observe(String server, String service, int sessions);
    }

    private record Sent(int sessions, long atNanos) {
    }

    private final SocketAddress socket;
    private final Map<String, String> backends;
    private final Sink sink;
    private final ScheduledExecutorService timer;
    // Also touched by the answers' completion threads.
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private boolean unreachable;

    private HaproxyStatsPoller(SocketAddress socket, Map<String, String> backends, Sink sink) {
        this.socket = socket;
        this.backends = Map.copyOf(backends);
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quiesce-haproxy-stats");
            t.setDaemon(true);
            return t;
        });
    }

    /** Records each count as observed by {@code observer} in this process's library. */
    public static Sink recordedBy(Operator observer) {
        return (server, service, sessions) -> observer.observeAsync(Target.service(server, service), sessions)
                .thenApply(d -> d instanceof Decision.Rejected r ? Optional.of(r.rejection()) : Optional.empty());
    }

    /**
     * Checks the form of {@code socket} ({@code HOST:PORT} or a path) before anything starts.
     *
     * @throws IllegalArgumentException saying what form it takes
     */
    public static void check(String socket) {
        HaproxyStats.address(socket);
    }

    /** {@code socket}: {@code HOST:PORT} or a UNIX socket path, as {@code stats socket} declares it. */
    public static HaproxyStatsPoller start(String socket, Map<String, String> backends, Duration every, Sink sink) {
        HaproxyStatsPoller poller = new HaproxyStatsPoller(HaproxyStats.address(socket), backends, sink);
        poller.timer.scheduleWithFixedDelay(poller::pollOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return poller;
    }

    /** One read of the stats socket and the counts it sends; runs on the poller's thread. */
    void pollOnce() {
        try {
            for (HaproxyStats.ServerSessions s : HaproxyStats.read(socket)) {
                feed(s);
            }
            if (unreachable) {
                LOG.info("HAProxy stats socket {} answers again", socket);
                unreachable = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!unreachable) {
                LOG.warn("cannot read HAProxy stats from {}: {}", socket, e.toString());
                unreachable = true;
            }
        }
    }

    private void feed(HaproxyStats.ServerSessions s) {
        String service = backends.getOrDefault(s.backend(), s.backend());
        String key = s.server() + "\u0000" + service;
        Sent last = sent.get(key);
        long now = System.nanoTime();
        if (last != null && last.sessions() == s.sessions() && now - last.atNanos() < RESEND.toNanos()) {
            return;
        }
        sent.put(key, new Sent(s.sessions(), now));
        sink.observe(s.server(), service, s.sessions()).whenComplete((decision, failure) -> {
            if (failure != null) {
                sent.remove(key); // try again at the next poll
                LOG.warn("observing {} sessions on {} {} failed: {}", s.sessions(), s.server(), service,
                        failure.toString());
            } else if (decision.isPresent() && refusedOnce.add(key + decision.get().code())) {
                LOG.warn("HAProxy's {} sessions on {} ({}) not taken: {}", s.sessions(), s.server(), s.backend(),
                        decision.get().message());
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
