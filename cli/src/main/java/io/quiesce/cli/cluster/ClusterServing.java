package io.quiesce.cli.cluster;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.cli.client.ServeFile;
import io.quiesce.cli.serve.BearerTokens;
import io.quiesce.auth.Principal;
import io.quiesce.cli.serve.Caller;
import io.quiesce.cli.serve.ClusterFront;
import io.quiesce.cli.traffic.HaproxyStatsPoller;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.Materializer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.quiesce.cli.serve.EventFeed;
import io.quiesce.QuiesceListener;
import io.quiesce.event.Event;
import io.quiesce.rules.Rules;
import io.quiesce.rollout.RolloutEvent;
import java.util.List;
import io.quiesce.cli.serve.PoolHandler;
import io.quiesce.cli.serve.QuiesceServer;
import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Tokens;
import io.quiesce.cli.traffic.TrafficMetrics;
import io.quiesce.internal.persistence.PekkoFutures;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@code serve --cluster}: this process as one node. It joins the cluster, opens the pools
 * sharding gives it (each in {@code DIR/pools/POOL}, its journal in the shared database), answers
 * the HTTP API for every pool, and writes serve.json so the command line on this machine follows
 * it. Closing leaves the cluster (the pools move to the other nodes) and removes serve.json.
 */
public final class ClusterServing implements AutoCloseable {
    private final ClusterNode node;
    private final ClusterFront front;
    private final ServeFile serveFile;
    private final Path directory;
    /** One view of the node's end: each conversion of Pekko's future completes on its own. */
    private final java.util.concurrent.CompletableFuture<?> stopped;
    private volatile boolean closing;

    private ClusterServing(ClusterNode node, ClusterFront front, ServeFile serveFile, Path directory) {
        this.node = node;
        this.front = front;
        this.serveFile = serveFile;
        this.directory = directory;
        this.stopped = node.system().getWhenTerminated().toCompletableFuture();
    }

    /**
     * Joins and serves.
     *
     * @param tokens      the tokens made by {@code token add} (in the journal database: every node accepts them)
     * @param poolOptions the options of the engine that holds one pool, given its local directory and name
     * @param poolNames   the pools of the journal database, read again every few seconds
     * @param history     every event of the journal database, in commit order
     * @param rollouts    every pool's rollout steps, by pool (for the printed history)
     */
    public static ClusterServing start(Path directory, ClusterSettings cluster, ServeSettings http,
                                       Tokens tokens, PoolOptions poolOptions, Supplier<List<String>> poolNames,
                                       Supplier<List<Event>> history,
                                       Supplier<Map<String, List<RolloutEvent>>> rollouts, Rules rules,
                                       TrafficMetrics metrics,
                                       PrintStream log) {
        try {
            java.nio.file.Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        ClusterNode[] node = new ClusterNode[1];
        PoolShard.Opener opener = pool -> {
            // Prefixed: a pool named "." or ".." must not name the node's directory or its parent.
            Quiesce quiesce = Quiesce.open(poolOptions.of(directory.resolve("pools").resolve("pool-"
                    + URLEncoder.encode(pool, StandardCharsets.UTF_8)), pool));
            try {
                quiesce.addListener(new QuiesceListener() {
                    @Override
                    public void recorded(List<Event> events) {
                        node[0].publish(events);
                    }
                });
                PoolHandler handler = PoolHandler.start(quiesce, metrics, node[0].system(), log);
                log.println("quiesce: pool " + pool + " opened on this node");
                return handler;
            } catch (RuntimeException e) {
                quiesce.close();
                throw e;
            }
        };
        node[0] = ClusterNode.start(cluster, QuiesceServer.config(http), opener, poolNames);
        ClusterFront front = null;
        try {
            node[0].awaitUp(Duration.ofSeconds(60));
            // Follow first, then read the history: what is heard in between is fed once (ClusterFeed).
            EventFeed events = new EventFeed();
            ClusterFeed following = new ClusterFeed(events);
            node[0].follow(following, rules.authorization().adminGroup());
            following.start(history.get());
            String localToken = BearerTokens.newToken();
            front = ClusterFront.start(node[0], node[0].system(), http, tokens, localToken, rules, events, rollouts,
                    metrics);
            ServeFile serveFile = new ServeFile(front.url(), localToken, ProcessHandle.current().pid());
            serveFile.writeTo(directory);
            return new ClusterServing(node[0], front, serveFile, directory);
        } catch (RuntimeException e) {
            if (front != null) {
                front.close();
            }
            node[0].close();
            throw e;
        }
    }

    /** The options of the engine that holds {@code pool}, in its own local directory. */
    public interface PoolOptions {
        QuiesceOptions of(Path directory, String pool);
    }

    public String url() {
        return front.url();
    }

    /** Completes when this node's actor system stops: left, or downed by the split brain resolver. */
    public CompletionStage<?> whenStopped() {
        return stopped;
    }

    /** True once the node stopped by itself (downed, or it left the cluster), not because it was closed. */
    public boolean stopped() {
        return !closing && stopped.isDone();
    }

    /**
     * HAProxy's counts, each carried to the node holding the server's pool and recorded there as
     * observed by {@code observer}, as {@code POST /v1/observe} does.
     */
    public HaproxyStatsPoller.Sink observer(Principal observer) {
        return (server, service, sessions) -> node.poolOf(server, null).thenCompose(pool -> {
            if (pool.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of(new Rejection(RejectionCode.UNKNOWN_SERVER,
                        "no server named " + server + ": check the name with status.")));
            }
            String body = JsonText.write(Map.of("server", server, "service", service, "sessions", sessions));
            return node.call(pool.get(), HttpRequest.POST("/v1/observe").withEntity(ContentTypes.APPLICATION_JSON,
                    body), new Caller(observer, false)).thenCompose(r -> PekkoFutures.plain(r.entity().toStrict(
                    10_000, Materializer.matFromSystem(node.system()))).thenApply(e -> refusal(r.status().intValue(),
                    e.getData().utf8String())));
        });
    }

    /** The refusal an answer of {@code /v1/observe} says, if any; the server's own trouble is a failure. */
    private static Optional<Rejection> refusal(int status, String body) {
        if (status == 200) {
            return Optional.empty();
        }
        if (status < 500 && JsonText.parse(body) instanceof Map<?, ?> m && m.get("code") instanceof String code
                && m.get("message") instanceof String message) {
            try {
                return Optional.of(new Rejection(RejectionCode.valueOf(code), message));
            } catch (IllegalArgumentException notARule) {
                // NOT_AUTHENTICATED and the like: not a rule's refusal, said below.
            }
        }
        throw new IllegalStateException("the node holding the pool answered " + status + ": " + body);
    }

    /** The state of the pool that has {@code server} (for the agent check). */
    public CompletionStage<io.quiesce.rules.Deployment> deploymentOf(String server) {
        return node.deploymentOf(server);
    }

    @Override
    public void close() {
        closing = true;
        try {
            front.close();
            node.close();
        } finally {
            serveFile.removeFrom(directory);
        }
    }
}
