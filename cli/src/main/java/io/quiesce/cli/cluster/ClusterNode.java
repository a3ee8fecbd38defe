package io.quiesce.cli.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.quiesce.cli.serve.Caller;
import io.quiesce.cli.serve.ClusterFront;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import io.quiesce.QuiesceListener;
import io.quiesce.event.Event;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.HistoryLine;
import io.quiesce.internal.persistence.serialization.SessionModule;
import io.quiesce.internal.persistence.PekkoFutures;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ContentTypes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This process as a node of the cluster: Pekko Cluster with the split brain resolver (keep
 * majority) and Cluster Sharding with one shard per pool, so a pool's decider and its entities
 * live together on one node. Every few seconds it wakes every pool of the journal database, so
 * each pool runs (its deadlines fire, its rollout goes on) wherever sharding puts it, also after
 * its node died. It answers the HTTP front's questions by asking the pools through sharding.
 */
public final class ClusterNode implements ClusterFront.Pools, AutoCloseable {
    static final EntityTypeKey<PoolShard.Command> POOL = EntityTypeKey.create(PoolShard.Command.class, "pool");
    /** Name of the actor system: every node of one cluster must use the same. */
    static final String SYSTEM = "quiesce";

    private final ActorSystem<Void> system;
    private final ClusterSharding sharding;
    private final ClusterSettings settings;
    private final Supplier<List<String>> poolNames;
    private final ExecutorService opening = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "quiesce-pool-opening");
        t.setDaemon(true);
        return t;
    });
    private final ActorRef<Topic.Command<PoolShard.EventsRecorded>> events;
    private final ExecutorService lister = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quiesce-pool-listing");
        t.setDaemon(true);
        return t;
    });
    /** The listing running or last run, and the one queued after it (null: none); guarded by this. */
    private CompletableFuture<Void> listing = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> queued;
    private volatile List<String> pools = List.of();
    /** Where servers and sessions were last found: servers never change pool; a session's pool is dropped when it ends. */
    private final Map<String, String> serverPools = new ConcurrentHashMap<>();
    private final Map<String, String> sessionPools = new ConcurrentHashMap<>();

    private ClusterNode(ClusterSettings settings, Config http, PoolShard.Opener opener,
                        Supplier<List<String>> poolNames) {
        this.settings = settings;
        this.poolNames = poolNames;
        try {
            this.system = ActorSystem.create(Behaviors.empty(), SYSTEM, config(settings, http));
        } catch (RuntimeException e) {
            // Mostly: the address of --node is in use, or not this machine's.
            throw new IllegalStateException("cannot start this node at " + settings.host() + ":" + settings.port()
                    + " (--node): " + e.getMessage(), e);
        }
        this.events = system.systemActorOf(Topic.create(PoolShard.EventsRecorded.class, "quiesce-events"),
                "events", Props.empty());
        this.sharding = ClusterSharding.get(system);
        // A pool's entity closes its engine when it stops, which blocks: not on the threads of sharding and HTTP.
        sharding.init(Entity.of(POOL, ctx -> PoolShard.create(ctx.getEntityId(), opener, opening))
                .withMessageExtractor(new OneShardPerPool())
                .withEntityProps(DispatcherSelector.blocking()));
        // Listing the pools reads the database: on a thread of its own (relist), not on the actors'.
        system.scheduler().scheduleWithFixedDelay(Duration.ZERO, settings.wakeEvery(),
                this::wakePools, system.executionContext());
    }

    /** Joins the cluster through the seed nodes and starts waking the pools {@code poolNames} lists. */
    public static ClusterNode start(ClusterSettings settings, Config http, PoolShard.Opener opener,
                                    Supplier<List<String>> poolNames) {
        return new ClusterNode(settings, http, opener, poolNames);
    }

    public ActorSystem<Void> system() {
        return system;
    }

    /** Completes once this node is a member of the cluster (Up), or fails after {@code timeout}. */
    public void awaitUp(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        Cluster cluster = Cluster.get(system);
        while (cluster.selfMember().status() != org.apache.pekko.cluster.MemberStatus.up()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("this node did not join the cluster within " + timeout.toSeconds()
                        + " s: are the seed nodes " + settings.seeds() + " right, and is one of them running?");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining the cluster", e);
            }
        }
    }

    /**
     * Hands {@code follower} what every pool records from now on, on whichever node. Best effort, as
     * Pekko's topics are: a node that was unreachable for a while misses what was published then,
     * and the history read from the journal database has it.
     */
    public void follow(QuiesceListener follower, String adminGroup) {
        ActorRef<PoolShard.EventsRecorded> subscriber = system.systemActorOf(Behaviors.receive(
                PoolShard.EventsRecorded.class).onMessage(PoolShard.EventsRecorded.class, m -> {
                    List<Event> recorded = new ArrayList<>();
                    for (String line : m.lines()) {
                        if (HistoryReader.parse(line, 0, "a node", adminGroup) instanceof HistoryLine.EventLine e) {
                            recorded.add(e.event());
                        }
                    }
                    follower.recorded(recorded);
                    return Behaviors.same();
                }).build(), "event-follower", Props.empty());
        events.tell(Topic.subscribe(subscriber));
    }

    /** Tells every node's followers what a pool of this node recorded. */
    public void publish(List<Event> recorded) {
        events.tell(Topic.publish(new PoolShard.EventsRecorded(recorded.stream().map(EventCodec::line).toList())));
    }

    /**
     * Lists the pools again: completes once a listing that started after this call has ended (a pool
     * created through another node just before is then known). Listings run one at a time on a thread
     * of their own, and callers meanwhile share the one queued after it, so that names no pool has (a
     * probe of any server name needs no token) cost at most one query at a time, never one each.
     */
    private synchronized CompletableFuture<Void> relist() {
        if (queued != null) {
            return queued;
        }
        if (listing.isDone()) {
            listing = CompletableFuture.runAsync(this::listPools, lister);
            return listing;
        }
        queued = listing.handle((ok, failure) -> null).thenComposeAsync(v -> {
            synchronized (this) {
                queued = null;
                listing = CompletableFuture.runAsync(this::listPools, lister);
                return listing;
            }
        }, lister);
        return queued;
    }

    private void listPools() {
        try {
            pools = List.copyOf(poolNames.get());
        } catch (RuntimeException e) {
            system.log().warn("cannot list the pools of the journal database: {}", e.getMessage());
        }
    }

    private void wakePools() {
        relist().thenRun(() -> {
            long now = System.currentTimeMillis();
            pools.forEach(pool -> sharding.entityRefFor(POOL, pool).tell(new PoolShard.Wake(now)));
        });
    }

    @Override
    public CompletionStage<HttpResponse> call(String pool, HttpRequest request, Caller caller) {
        CompletionStage<String> body = PekkoFutures.plain(request.entity().toStrict(10_000,
                org.apache.pekko.stream.Materializer.matFromSystem(system)))
                .thenApply(e -> e.getData().decodeString(StandardCharsets.UTF_8));
        return body.thenCompose(text -> PekkoFutures.plain(sharding.entityRefFor(POOL, pool).<PoolShard.Answer>ask(
                        replyTo -> new PoolShard.Call(request.method().value(), request.getUri().toString(), text,
                                caller.principal() == null ? "" : caller.principal().name(),
                                caller.principal() == null ? List.of() : List.copyOf(caller.principal().groups()),
                                caller.local(), replyTo), settings.callTimeout()))
                .thenApply(answer -> {
                    remember(pool, text, answer);
                    return response(answer);
                }));
    }

    /** A session connected through this node is known to be in its pool; one ended is forgotten. */
    private void remember(String pool, String body, PoolShard.Answer answer) {
        if (answer.status() != 200 || body.isEmpty()) {
            return;
        }
        Object line;
        try {
            line = io.quiesce.formats.json.JsonText.parse(body);
        } catch (RuntimeException e) {
            return;
        }
        if (line instanceof Map<?, ?> m && m.get("pool") instanceof String created
                && "createPool".equals(m.get("command")) && !pools.contains(created)) {
            // Known here at once; the other nodes read it from the database within a wake-up.
            List<String> known = new ArrayList<>(pools);
            known.add(created);
            pools = List.copyOf(known);
        } else if (line instanceof Map<?, ?> m && m.get("server") instanceof String server
                && "addServer".equals(m.get("command"))) {
            serverPools.put(server, pool);
        } else if (line instanceof Map<?, ?> m && m.get("id") instanceof String id
                && "connect".equals(m.get("command"))) {
            sessionPools.put(id, pool);
        } else if (line instanceof Map<?, ?> m && m.get("session") instanceof String id
                && "end".equals(m.get("command"))) {
            sessionPools.remove(id);
        }
    }

    private static HttpResponse response(PoolShard.Answer answer) {
        HttpResponse r = HttpResponse.create().withStatus(StatusCodes.get(answer.status()));
        String type = answer.headers().getOrDefault("Content-Type", "application/json");
        for (Map.Entry<String, String> h : answer.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Type") && !h.getKey().equalsIgnoreCase("Content-Length")
                    && !h.getKey().equalsIgnoreCase("Server") && !h.getKey().equalsIgnoreCase("Date")) {
                r = r.addHeader(RawHeader.create(h.getKey(), h.getValue()));
            }
        }
        return r.withEntity(ContentTypes.parse(type), answer.body().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<Deployment> deployment() {
        List<CompletableFuture<PoolShard.PoolDeployment>> answers = new ArrayList<>();
        for (String pool : pools) {
            answers.add(PekkoFutures.plain(sharding.entityRefFor(POOL, pool).<PoolShard.PoolDeployment>ask(
                    PoolShard.GetDeployment::new, settings.callTimeout())));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ok -> {
            Map<String, PoolState> allPools = new LinkedHashMap<>();
            Map<String, ServerState> allServers = new LinkedHashMap<>();
            for (CompletableFuture<PoolShard.PoolDeployment> a : answers) {
                PoolShard.PoolDeployment d = a.join();
                if (d.failure() != null) {
                    throw new IllegalStateException(d.failure());
                }
                allPools.putAll(d.pools());
                allServers.putAll(d.servers());
                d.servers().values().forEach(s -> serverPools.put(s.name(), s.pool()));
            }
            return new Deployment(allPools, allServers);
        });
    }

    @Override
    public CompletionStage<Deployment> deploymentOf(String server) {
        return poolOf(server, null).thenCompose(pool -> pool.isEmpty()
                ? CompletableFuture.completedFuture(Deployment.empty())
                : PekkoFutures.plain(sharding.entityRefFor(POOL, pool.get()).<PoolShard.PoolDeployment>ask(
                        PoolShard.GetDeployment::new, settings.callTimeout())).thenApply(d -> {
                            if (d.failure() != null) {
                                throw new IllegalStateException(d.failure());
                            }
                            return d.deployment();
                        }));
    }

    @Override
    public CompletionStage<Boolean> knows(String pool) {
        if (pools.contains(pool)) {
            return CompletableFuture.completedFuture(true);
        }
        // Created through another node since the last listing, perhaps: list again before saying no.
        return relist().thenApply(listed -> pools.contains(pool));
    }

    @Override
    public CompletionStage<Optional<String>> poolOf(String server, String session) {
        String known = server != null ? serverPools.get(server) : sessionPools.get(session);
        if (known != null) {
            return CompletableFuture.completedFuture(Optional.of(known));
        }
        List<String> asked = pools;
        // In a pool created through another node since the last listing, perhaps: list again.
        return locate(server, session, asked).thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found)
                : relist().thenApply(listed -> pools.stream().filter(p -> !asked.contains(p)).toList())
                        .thenCompose(added -> added.isEmpty() ? CompletableFuture.completedFuture(found)
                                : locate(server, session, added)));
    }

    /** Asks {@code among} which pool has the server or session. */
    private CompletableFuture<Optional<String>> locate(String server, String session, List<String> among) {
        Map<String, CompletableFuture<PoolShard.Located>> answers = new HashMap<>();
        for (String pool : among) {
            answers.put(pool, PekkoFutures.plain(sharding.entityRefFor(POOL, pool).<PoolShard.Located>ask(replyTo ->
                    new PoolShard.Locate(server, session, replyTo), settings.callTimeout())));
        }
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).thenApply(ok -> {
            Optional<String> found = answers.entrySet().stream().filter(e -> e.getValue().join().here())
                    .map(Map.Entry::getKey).findFirst();
            if (found.isEmpty()) {
                // A pool that could not look is not a pool without the server: say it is unavailable.
                answers.values().stream().map(CompletableFuture::join).filter(l -> l.failure() != null).findFirst()
                        .ifPresent(l -> {
                            throw new IllegalStateException(l.failure());
                        });
            }
            found.ifPresent(pool -> (server != null ? serverPools : sessionPools)
                    .put(server != null ? server : session, pool));
            return found;
        });
    }

    @Override
    public CompletionStage<Map<String, Object>> describe() {
        Cluster cluster = Cluster.get(system);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", hostPort(cluster.selfMember().address()));
        List<Object> members = new ArrayList<>();
        for (Member m : cluster.state().getMembers()) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("address", hostPort(m.address()));
            member.put("status", m.status().toString());
            member.put("reachable", !cluster.state().getUnreachable().contains(m));
            members.add(member);
        }
        out.put("members", members);
        return PekkoFutures.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery,
                        org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats>ask(sharding.shardState(),
                        replyTo -> new GetClusterShardingStats(POOL, settings.callTimeout(), replyTo),
                        settings.callTimeout().plusSeconds(1), system.scheduler())
                .handle((stats, failure) -> {
                    Map<String, Object> where = new java.util.TreeMap<>();
                    if (stats != null) {
                        stats.getRegions().forEach((address, region) -> region.getStats().keySet()
                                .forEach(shard -> where.put(shard, hostPort(address))));
                    }
                    out.put("pools", where);
                    return out;
                });
    }

    private static String hostPort(Address address) {
        return address.host().getOrElse(() -> "") + ":" + address.port().getOrElse(() -> 0);
    }

    /** The cluster's settings over {@code http}, the HTTP server's (and logging's) of a single server. */
    private static Config config(ClusterSettings s, Config http) {
        StringBuilder seeds = new StringBuilder();
        for (String seed : s.seeds()) {
            seeds.append(seeds.length() == 0 ? "" : ",").append('"').append("pekko://").append(SYSTEM).append('@')
                    .append(seed).append('"');
        }
        return ConfigFactory.parseString(String.join("\n",
                "pekko.actor.provider = cluster",
                "pekko.remote.artery.canonical.hostname = \"" + s.host() + "\"",
                "pekko.remote.artery.canonical.port = " + s.port(),
                "pekko.cluster.seed-nodes = [" + seeds + "]",
                "pekko.cluster.downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"",
                "pekko.cluster.split-brain-resolver.active-strategy = keep-majority",
                "pekko.cluster.split-brain-resolver.stable-after = " + s.stableAfter().toMillis() + "ms",
                // A pool stays open for as long as its node holds it: its deadlines and rollout must run unasked.
                "pekko.cluster.sharding.passivation.strategy = none",
                // Pekko drops a remote message over this: bodies are refused long before (413), and an
                // answer too large for it is refused by the pool's node (PoolShard.MAX_ANSWER).
                "pekko.remote.artery.advanced.maximum-frame-size = 4MiB"))
                .withFallback(serialization()).withFallback(http);
    }

    /** How messages cross between nodes: Jackson's CBOR, with the module that reads the sessions in a pool's state. */
    static Config serialization() {
        // Pekko's own modules and ours: a list set here replaces the one of Pekko's reference configuration.
        String modules = "pekko.serialization.jackson.jackson-modules";
        List<String> withSessions = new ArrayList<>(ConfigFactory.defaultReference(ClusterNode.class.getClassLoader())
                .getStringList(modules));
        withSessions.add(SessionModule.class.getName());
        return ConfigFactory.parseString(String.join("\n",
                "pekko.actor.serialization-bindings { \"" + ClusterMessage.class.getName() + "\" = jackson-cbor }",
                "pekko.serialization.jackson.jackson-cbor.compression.algorithm = off"))
                .withValue(modules, ConfigValueFactory.fromIterable(withSessions));
    }

    /** Leaves the cluster (its pools move to the other nodes, each closed here first), then stops. */
    @Override
    public void close() {
        if (system.getWhenTerminated().toCompletableFuture().isDone()) {
            // Downed, or left already: nothing to leave, and the stopped system can start nothing more.
            opening.shutdown();
            lister.shutdown();
            return;
        }
        Cluster cluster = Cluster.get(system);
        if (cluster.selfMember().status() != org.apache.pekko.cluster.MemberStatus.up()) {
            // Never joined (no seed answered): nothing to hand over, nobody to tell.
            system.terminate();
        } else {
            cluster.manager().tell(org.apache.pekko.cluster.typed.Leave.create(cluster.selfMember().address()));
        }
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            system.terminate();
        }
        opening.shutdown();
        lister.shutdown();
    }

    /** The pool is the shard: a pool moves alone, never with others that happen to share a hash. */
    private static final class OneShardPerPool
            extends ShardingMessageExtractor<ShardingEnvelope<PoolShard.Command>, PoolShard.Command> {
        @Override
        public String entityId(ShardingEnvelope<PoolShard.Command> envelope) {
            return envelope.entityId();
        }

        @Override
        public String shardId(String entityId) {
            return entityId;
        }

        @Override
        public PoolShard.Command unwrapMessage(ShardingEnvelope<PoolShard.Command> envelope) {
            return envelope.message();
        }
    }
}
