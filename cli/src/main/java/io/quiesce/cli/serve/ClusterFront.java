package io.quiesce.cli.serve;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.cli.Printouts;
import io.quiesce.cli.traffic.TrafficMetrics;
import io.quiesce.cli.traffic.TrafficRoutes;
import io.quiesce.formats.json.JsonException;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rules.Deployment;
import io.quiesce.rollout.RolloutEvent;
import java.util.List;
import java.util.function.Supplier;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import io.quiesce.rules.Rules;
import io.quiesce.cli.client.QuiesceClient;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API of one node in cluster mode. It answers for every pool: a call about one pool
 * (a command, a plan, observed sessions, a rollout) is authenticated here and carried to the node
 * that holds the pool, which answers it as a single server would; status, readiness, metrics and
 * the agent check put together what every pool says.
 */
public final class ClusterFront extends AllDirectives implements AutoCloseable {
    /** What the front asks of the cluster. */
    public interface Pools {
        /** Answers {@code request} for {@code caller} on the node that holds {@code pool}. */
        CompletionStage<HttpResponse> call(String pool, HttpRequest request, Caller caller);

        /** Every pool's state, put together; fails when a pool does not answer in time (it may be moving). */
        CompletionStage<Deployment> deployment();

        /** The state of the pool that has {@code server} (empty when no pool has it); fails when that pool does not answer. */
        CompletionStage<Deployment> deploymentOf(String server);

        /** Whether the pool has been created (is in the journal database, or was created through this node). */
        CompletionStage<Boolean> knows(String pool);

        /** The pool that has this server, or this session (exactly one of them non-null); empty if none has. */
        CompletionStage<Optional<String>> poolOf(String server, String session);

        /** This node, the cluster's members, and the node that holds each pool. */
        CompletionStage<Map<String, Object>> describe();
    }

    private final Pools pools;
    private final Catalog catalog;
    private final Authorization authorization;
    private final ThreadPoolExecutor blocking;
    private final EventFeed events;
    private final FeedRoutes feed;
    private final Materializer materializer;
    private final int maxBody;
    private final ServerBinding binding;
    private final String url;

    private ClusterFront(Pools pools, ActorSystem<?> system, ServeSettings settings, TokenCheck tokens,
                         Rules rules, EventFeed events, Supplier<Map<String, List<RolloutEvent>>> rollouts,
                         TrafficMetrics metrics) {
        this.pools = pools;
        this.catalog = rules.catalog();
        this.authorization = rules.authorization();
        this.blocking = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "quiesce-http-calls");
            t.setDaemon(true);
            return t;
        });
        this.events = events;
        this.materializer = Materializer.matFromSystem(system);
        this.maxBody = settings.maxBody();
        this.feed = new FeedRoutes(events, materializer, blocking, rollouts);
        Route all = concat(TrafficRoutes.merged(metrics, pools::deployment, pools::deploymentOf, rules, events, blocking,
                        tokens::authenticated),
                pathPrefix("v1", () -> tokens.authenticated(this::api)));
        try {
            this.binding = QuiesceServer.bind(system, settings, all);
        } catch (RuntimeException e) {
            blocking.shutdown();
            throw e;
        }
        this.url = QuiesceServer.url(settings, binding);
    }

    /**
     * Listens on {@code settings}' address (HTTPS with its key store: the command line lets plain HTTP
     * listen on loopback only), with the local token of this node's serve.json and the tokens made by {@code token add}.
     */
    public static ClusterFront start(Pools pools, ActorSystem<?> system, ServeSettings settings, Tokens tokens,
                                     String localToken, Rules rules, EventFeed events,
                                     Supplier<Map<String, List<RolloutEvent>>> rollouts, TrafficMetrics metrics) {
        return new ClusterFront(pools, system, settings, new TokenCheck(tokens, localToken), rules, events, rollouts,
                metrics);
    }

    public String url() {
        return url;
    }

    private Route api(Caller caller) {
        return concat(
                path("cluster", () -> get(() -> completeWithFuture(pools.describe()
                        .thenApply(d -> ApiRoutes.json(200, d))))),
                pathPrefix("status", () -> concat(
                        pathEnd(() -> get(() -> ApiRoutes.mode(mode -> status(null, mode)))),
                        path(PathMatchers.segment(), name -> get(() -> ApiRoutes.mode(mode -> status(name, mode)))))),
                path(PathMatchers.segment("plan").slash(PathMatchers.segment()), server -> get(() ->
                        forward(pools.poolOf(server, null), caller, "", unknownServer(server)))),
                path("commands", () -> post(() -> bounded(body -> command(caller, body)))),
                path("observe", () -> post(() -> bounded(body -> byServer(caller, body)))),
                pathPrefix(PathMatchers.segment("rollouts").slash(PathMatchers.segment()), pool ->
                        bounded(body -> forward(known(pool), caller, body, unknownPool(pool)))),
                path("history", () -> get(() -> parameterOptional("server", server -> ApiRoutes.mode(mode ->
                        feed.history(server.orElse(null), mode))))),
                path("events", () -> get(() -> optionalHeaderValueByName("Last-Event-ID", feed::events))));
    }

    /** The status, with the id of the last event before it was read, as a single server gives it. */
    private Route status(String name, ApiRoutes.Mode mode) {
        long eventId = events.lastId();
        return completeWithFuture(pools.deployment().handle((d, failure) -> failure != null
                ? ApiRoutes.unavailable("not every pool answered (" + failure.getMessage() + "); a pool may be"
                + " moving to another node: try again in a moment.")
                : ApiRoutes.answer(Printouts.status(d, catalog, name, mode != ApiRoutes.Mode.TEXT), mode)
                .addHeader(RawHeader.create(QuiesceClient.EVENT_ID_HEADER, Long.toString(eventId)))));
    }

    /** A command line goes to the pool it names, or to the pool of its server or session. */
    private Route command(Caller caller, String body) {
        Map<?, ?> line;
        try {
            if (!(JsonText.parse(body) instanceof Map<?, ?> object)) {
                return badInput("the body must be one JSON object: a command line such as"
                        + " {\"command\":\"pause\",\"server\":\"fe01\"}.");
            }
            line = object;
        } catch (JsonException e) {
            return badInput("the body is not JSON: " + e.getMessage());
        }
        Optional<Route> refused = unauthorized(caller, line);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (line.get("pool") instanceof String pool) {
            String forwarded = body;
            if ("connect".equals(line.get("command")) && !line.containsKey("id")) {
                // Named here, so that the node holding the pool and any node asked later agree on it.
                Map<Object, Object> named = new LinkedHashMap<>(line);
                named.put("id", ApiRoutes.newSessionId());
                forwarded = JsonText.write(named);
            }
            // A pool is opened on a node only once it exists: a name that is none is refused here.
            return forward("createPool".equals(line.get("command")) ? CompletableFuture.completedFuture(
                    Optional.of(pool)) : known(pool), caller, forwarded, unknownPool(pool));
        }
        if (line.get("server") instanceof String server) {
            return forward(pools.poolOf(server, null), caller, body, unknownServer(server));
        }
        if (line.get("session") instanceof String session) {
            return forward(pools.poolOf(null, session), caller, body, new Rejection(RejectionCode.UNKNOWN_SESSION,
                    "no session " + session + " is open in any pool: check the id."));
        }
        // Nothing to route by: any pool's node refuses it as a single server would.
        return badInput("the command line names no pool, server or session.");
    }

    private Route byServer(Caller caller, String body) {
        try {
            if (JsonText.parse(body) instanceof Map<?, ?> line && line.get("server") instanceof String server) {
                return unauthorized(caller, line).orElseGet(() -> forward(pools.poolOf(server, null), caller, body,
                        unknownServer(server)));
            }
        } catch (JsonException e) {
            // Answered below, as a body without a server.
        }
        return complete(ApiRoutes.refusal(400, "INVALID_ARGUMENT", "the body must be a JSON object naming a server,"
                + " a service and its sessions."));
    }

    private Route forward(CompletionStage<Optional<String>> pool, Caller caller, String body, Rejection unknown) {
        return extractRequest(request -> ApiRoutes.mode(mode -> completeWithFuture(pool.thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(ApiRoutes.answer(Printouts.refused(unknown), mode));
            }
            HttpMethod method = request.method();
            HttpRequest carried = HttpRequest.create(request.getUri().toRelative().toString()).withMethod(method)
                    .withEntity(ContentTypes.APPLICATION_JSON, body);
            return pools.call(found.get(), carried, caller);
        }).exceptionally(failure -> ApiRoutes.unavailable("the node holding the pool did not answer ("
                + failure.getMessage() + "); it may be moving to another node: check status before retrying.")))));
    }

    /**
     * Every command changes something: one from a caller who may not is refused here, before its names
     * are looked up, as the rules refuse it first on a single server.
     */
    private Optional<Route> unauthorized(Caller caller, Map<?, ?> line) {
        Principal who;
        if (!caller.local()) {
            who = caller.principal();
        } else if (line.get("as") instanceof String name) {
            List<String> groups = line.get("groups") instanceof List<?> g ? g.stream().map(String::valueOf).toList()
                    : List.of();
            who = Principal.of(name, groups.toArray(String[]::new));
        } else {
            return Optional.empty(); // the pool's node asks who it is
        }
        if (authorization.mayChange(who)) {
            return Optional.empty();
        }
        Rejection refusal = new Rejection(RejectionCode.NOT_AUTHORIZED, who.name() + " is not a member of "
                + authorization.adminGroup() + ": ask an administrator to do this.");
        return Optional.of(ApiRoutes.mode(mode -> complete(ApiRoutes.answer(Printouts.refused(refusal), mode))));
    }

    private CompletionStage<Optional<String>> known(String pool) {
        return pools.knows(pool).thenApply(known -> known ? Optional.of(pool) : Optional.empty());
    }

    private static Rejection unknownServer(String server) {
        return new Rejection(RejectionCode.UNKNOWN_SERVER, "no server named " + server + ": check the name with"
                + " status.");
    }

    private static Rejection unknownPool(String pool) {
        return new Rejection(RejectionCode.UNKNOWN_POOL, "no pool named " + pool + ": create it first.");
    }

    /**
     * Reads a body of at most the server's limit (413 past it, as a single server answers): a call is
     * carried to another node whole, and Pekko's remoting drops messages over a few hundred kilobytes.
     */
    private Route bounded(java.util.function.Function<String, Route> inner) {
        return extractRequestEntity(entity -> {
            if (entity.getContentLengthOption().orElse(0) > maxBody) {
                return completeWithFuture(entity.discardBytes(materializer).completionStage().thenApply(done ->
                        ApiRoutes.refusal(413, "TOO_LARGE", "a command line is at most " + maxBody + " bytes.")));
            }
            return withSizeLimit(maxBody, () -> entity(Unmarshaller.entityToString(), inner::apply));
        });
    }

    private Route badInput(String message) {
        return ApiRoutes.mode(mode -> complete(ApiRoutes.answer(Printouts.badInput(message), mode)));
    }


    @Override
    public void close() {
        try {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
            binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Going down anyway: the port is released when the actor system stops.
        }
        blocking.shutdown();
    }
}
