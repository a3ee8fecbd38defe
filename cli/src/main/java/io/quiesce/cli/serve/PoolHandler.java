package io.quiesce.cli.serve;

import io.quiesce.Quiesce;
import io.quiesce.auth.Principal;
import io.quiesce.cli.traffic.TrafficMetrics;
import io.quiesce.cli.traffic.TrafficRoutes;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One pool's side of the API in cluster mode: the same routes as a single server (commands, plan,
 * status, observe, rollouts) over the engine that holds that pool on this node. Requests reach it
 * as messages from whichever node took them, already authenticated there: it is never bound to a
 * port, so the caller it is handed is the one that node's token check found.
 */
public final class PoolHandler extends AllDirectives implements AutoCloseable {
    /** Set by {@link #handle} only: a request's caller, as the node that took it authenticated it. */
    private static final String CALLER = "X-Quiesce-Caller";
    private static final String GROUPS = "X-Quiesce-Groups";
    private static final String LOCAL = "X-Quiesce-Local";

    private final Quiesce quiesce;
    private final RolloutDrivers rollouts;
    private final EventFeed events = new EventFeed();
    private final ThreadPoolExecutor blocking;
    private final Function<HttpRequest, CompletionStage<HttpResponse>> handler;

    private PoolHandler(Quiesce quiesce, TrafficMetrics metrics, ClassicActorSystemProvider system, PrintStream log) {
        this.quiesce = quiesce;
        this.blocking = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "quiesce-pool-calls");
            t.setDaemon(true);
            return t;
        });
        // Never fed: the node that takes a call answers history and events itself, from the whole cluster's feed.
        events.start(List.of());
        this.rollouts = new RolloutDrivers(quiesce, log);
        ServerContext context = new ServerContext(quiesce, events, blocking, Materializer.matFromSystem(system),
                inner -> forwardedCaller(inner));
        Route all = concat(new TrafficRoutes(metrics).route(context), new RolloutRoutes(rollouts).route(context),
                new ApiRoutes(context, ServeSettings.loopback(0).maxBody()).route());
        this.handler = handleRejections(RoutingRefusals.handler(), () -> all).seal().handler(system);
        rollouts.resumeUnfinished();
    }

    /** Serves an open engine that holds one pool; takes up the pool's unfinished rollout. */
    public static PoolHandler start(Quiesce quiesce, TrafficMetrics metrics, ClassicActorSystemProvider system,
                                    PrintStream log) {
        return new PoolHandler(quiesce, metrics, system, log);
    }

    public Quiesce quiesce() {
        return quiesce;
    }

    /** Answers a request for {@code caller}, who the node that took it authenticated. */
    public CompletionStage<HttpResponse> handle(HttpRequest request, Caller caller) {
        HttpRequest marked = request.addHeader(header(CALLER, caller.principal() == null ? ""
                        : caller.principal().name()))
                .addHeader(header(GROUPS, caller.principal() == null ? ""
                        : String.join(",", caller.principal().groups())))
                .addHeader(header(LOCAL, Boolean.toString(caller.local())));
        try {
            return handler.apply(marked);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static org.apache.pekko.http.javadsl.model.HttpHeader header(String name, String value) {
        return org.apache.pekko.http.javadsl.model.headers.RawHeader.create(name, value);
    }

    private Route forwardedCaller(java.util.function.Function<Caller, Route> inner) {
        return headerValueByName(LOCAL, local -> headerValueByName(CALLER, name -> headerValueByName(GROUPS,
                groups -> inner.apply(Boolean.parseBoolean(local) ? Caller.localToken() : new Caller(Principal.of(name,
                        Arrays.stream(groups.split(",")).filter(g -> !g.isEmpty()).toArray(String[]::new)),
                        false)))));
    }

    /** Stops driving (rollouts stay resumable) and stops taking calls; the engine is the caller's to close. */
    @Override
    public void close() {
        rollouts.close();
        events.close();
        blocking.shutdown();
        try {
            blocking.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
