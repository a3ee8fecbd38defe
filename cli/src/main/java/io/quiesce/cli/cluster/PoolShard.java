package io.quiesce.cli.cluster;

import io.quiesce.auth.Principal;
import io.quiesce.cli.serve.Caller;
import io.quiesce.cli.serve.PoolHandler;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.internal.persistence.PekkoFutures;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One pool, as Cluster Sharding places it: the shard of the pool, whose only entity opens the
 * engine that holds the pool on this node (its decider, servers and services, all local) and
 * answers the calls other nodes carry to it. Calls that arrive while the engine opens wait (up to a
 * bound, past which they are refused, never dropped). Stopping the entity (its node leaves, or the
 * shard moves) closes the engine.
 */
final class PoolShard {
    /** Calls waiting while the pool opens; past this they are refused as busy. */
    static final int WAITING = 1_000;
    /** Characters of an answer that a node passes on: well under remoting's frame of 4 MiB, even in UTF-8. */
    static final int MAX_ANSWER = 1_000_000;

    sealed interface Command {
    }

    /** An HTTP call about this pool, authenticated by the node that took it. */
    record Call(String method, String uri, String body, String caller, List<String> groups, boolean local,
                ActorRef<Answer> replyTo) implements Command, ClusterMessage {
    }

    /** A call's answer, whole. */
    record Answer(int status, String body, Map<String, String> headers) implements ClusterMessage {
    }

    record GetDeployment(ActorRef<PoolDeployment> replyTo) implements Command, ClusterMessage {
    }

    /** The pool's state (its pools and servers; the rest is derived from them), or why it could not be read. */
    record PoolDeployment(Map<String, PoolState> pools, Map<String, ServerState> servers, String failure)
            implements ClusterMessage {
        static PoolDeployment of(Deployment d) {
            return new PoolDeployment(d.pools(), d.servers(), null);
        }

        static PoolDeployment failed(String why) {
            return new PoolDeployment(Map.of(), Map.of(), why);
        }

        Deployment deployment() {
            return new Deployment(pools, servers);
        }
    }

    /** Does this pool have the server, or the open session? */
    record Locate(String server, String session, ActorRef<Located> replyTo) implements Command, ClusterMessage {
    }

    /** Whether the pool has it; {@code failure} when the pool could not look. */
    record Located(boolean here, String failure) implements ClusterMessage {
    }

    /** Sent every few seconds by every node: starts the pool where sharding puts it, so its deadlines and rollout run. */
    record Wake(long sent) implements Command, ClusterMessage {
    }

    /** What a pool recorded, as history lines: published to every node, which feeds its event stream with it. */
    record EventsRecorded(List<String> lines) implements ClusterMessage {
    }

    private record Opened(PoolHandler handler, Throwable failure) implements Command {
    }

    private record TakenOver() implements Command {
    }

    /** Opens the pool's engine and its handler on this node; blocking. */
    interface Opener {
        PoolHandler open(String pool);
    }

    private PoolShard() {
    }

    static Behavior<Command> create(String pool, Opener opener, Executor blocking) {
        return Behaviors.withStash(WAITING, stash -> Behaviors.setup(ctx -> {
            CompletableFuture<PoolHandler> opened = CompletableFuture.supplyAsync(() -> opener.open(pool), blocking);
            ctx.pipeToSelf(opened, Opened::new);
            return opening(ctx, stash, pool, opened);
        }));
    }

    private static Behavior<Command> opening(ActorContext<Command> ctx, StashBuffer<Command> stash, String pool,
                                             CompletableFuture<PoolHandler> opened) {
        return Behaviors.receive(Command.class)
                // Stopped while opening (the shard moved on): what opens after is closed, not left holding the pool.
                .onSignal(PostStop.class, s -> {
                    opened.thenAccept(PoolShard::close);
                    return Behaviors.same();
                })
                .onMessage(Opened.class, o -> {
                    if (o.failure() != null) {
                        String why = "pool " + pool + " could not be opened on this node: " + rootMessage(o.failure());
                        ctx.getLog().warn(why);
                        // Every waiting call is answered; the next wake-up (a few seconds) opens the pool again.
                        stash.forEach(m -> refuse(m, why));
                        stash.clear();
                        return Behaviors.stopped();
                    }
                    // Another process took the pool over (this shard moved on while it opened): stop, so the next
                    // wake-up opens it afresh where sharding puts it, rather than answering with a fenced engine.
                    ActorRef<Command> self = ctx.getSelf(); // the context is the actor's own: not for other threads
                    o.handler().quiesce().takenOver().thenRun(() -> self.tell(new TakenOver()));
                    return stash.unstashAll(ready(ctx, pool, o.handler()));
                })
                .onMessage(Wake.class, w -> Behaviors.same())
                .onAnyMessage(m -> {
                    if (stash.isFull()) {
                        refuse(m, "pool " + pool + " is opening and " + WAITING + " calls already wait: try again"
                                + " shortly.");
                    } else {
                        stash.stash(m);
                    }
                    return Behaviors.same();
                })
                .build();
    }

    private static void refuse(Command m, String why) {
        if (m instanceof Call c) {
            c.replyTo().tell(unavailable(why));
        } else if (m instanceof GetDeployment g) {
            g.replyTo().tell(PoolDeployment.failed(why));
        } else if (m instanceof Locate l) {
            l.replyTo().tell(new Located(false, why));
        }
    }

    private static Behavior<Command> ready(ActorContext<Command> ctx, String pool, PoolHandler handler) {
        Materializer materializer = Materializer.matFromSystem(ctx.getSystem());
        return Behaviors.receive(Command.class)
                .onMessage(Call.class, c -> {
                    Caller caller = c.local() ? new Caller(null, true)
                            : new Caller(Principal.of(c.caller(), c.groups().toArray(String[]::new)), false);
                    HttpRequest request = HttpRequest.create(c.uri())
                            .withMethod(HttpMethods.lookup(c.method()).orElse(HttpMethods.GET))
                            .withEntity(ContentTypes.APPLICATION_JSON, c.body());
                    PekkoFutures.plain(handler.handle(request, caller))
                            .thenCompose(r -> PekkoFutures.plain(r.entity().toStrict(30_000, materializer))
                                    .thenApply(e -> answer(r, e.getData().decodeString(StandardCharsets.UTF_8))))
                            .whenComplete((a, failure) -> c.replyTo().tell(failure != null
                                    ? unavailable("the pool's node failed on this call: " + rootMessage(failure))
                                    : a));
                    return Behaviors.same();
                })
                .onMessage(GetDeployment.class, g -> {
                    handler.quiesce().statusAsync().whenComplete((d, failure) -> g.replyTo().tell(failure != null
                            ? PoolDeployment.failed(rootMessage(failure)) : PoolDeployment.of(d)));
                    return Behaviors.same();
                })
                .onMessage(Locate.class, l -> {
                    handler.quiesce().statusAsync().whenComplete((d, failure) -> l.replyTo().tell(failure != null
                            ? new Located(false, rootMessage(failure))
                            : new Located(l.server() != null ? d.server(l.server()).isPresent()
                                    : d.serviceWithSession(l.session()).isPresent(), null)));
                    return Behaviors.same();
                })
                .onMessage(Wake.class, w -> Behaviors.same())
                .onMessage(TakenOver.class, t -> {
                    ctx.getLog().warn("pool {} was taken over by another process: it stops here", pool);
                    return Behaviors.stopped();
                })
                .onSignal(PostStop.class, s -> {
                    ctx.getLog().info("pool {} leaves this node", pool);
                    close(handler);
                    return Behaviors.same();
                })
                .build();
    }

    /** Stops driving rollouts (they stay resumable where the pool opens next), then closes the engine. */
    private static void close(PoolHandler handler) {
        try (var quiesce = handler.quiesce(); handler) {
            // Both closed, handler first.
        }
    }

    private static Answer answer(HttpResponse r, String body) {
        if (body.length() > MAX_ANSWER) {
            // Remoting would drop it, and the caller would wait for nothing: say so instead.
            return unavailable("the answer is " + body.length() + " characters, more than a node can pass on ("
                    + MAX_ANSWER + "): ask the node that holds the pool, or ask for less.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", r.entity().getContentType().toString());
        r.getHeaders().forEach(h -> headers.put(h.name(), h.value()));
        return new Answer(r.status().intValue(), body, headers);
    }

    private static Answer unavailable(String why) {
        return new Answer(503, io.quiesce.formats.json.JsonText.write(Map.of("code", "UNAVAILABLE", "message", why)),
                Map.of("Content-Type", "application/json", "Retry-After", "1"));
    }

    private static String rootMessage(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
