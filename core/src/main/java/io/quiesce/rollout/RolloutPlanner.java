package io.quiesce.rollout;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Plan.SessionView;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import io.quiesce.server.Quorum;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schedule of a rollout: servers in batches of at most {@code maxUnavailable}, in the order
 * asked, each batch small enough that pausing it keeps a running instance of every service
 * (capacity guard) and stopping it keeps the pool at quorum (quorum guard). Every batch is
 * measured against the pool as it is now, since each batch comes back before the next goes.
 */
public final class RolloutPlanner {
    private final Catalog catalog;

    public RolloutPlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    public RolloutPlan plan(Deployment d, String pool, RolloutOptions options) {
        Optional<PoolState> found = d.pool(pool);
        if (found.isEmpty()) {
            return impossible(pool, options, RejectionCode.UNKNOWN_POOL, "no pool named " + pool + ": create it first.");
        }
        if (options.maxUnavailable() < 1) {
            return impossible(pool, options, RejectionCode.INVALID_ARGUMENT, "--max-unavailable must be at least 1,"
                    + " not " + options.maxUnavailable() + ".");
        }
        List<String> members = found.get().servers();
        List<String> names = options.servers().isEmpty() ? members : options.servers();
        List<Rejection> obstacles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!members.contains(name)) {
                obstacles.add(new Rejection(RejectionCode.UNKNOWN_SERVER, "pool " + pool + " has no server named "
                        + name + ": check the name with status."));
            } else if (!seen.add(name)) {
                obstacles.add(new Rejection(RejectionCode.INVALID_ARGUMENT, name + " is named twice: name each"
                        + " server once."));
            }
        }
        if (!obstacles.isEmpty()) {
            return new RolloutPlan(pool, options.maxUnavailable(), List.of(), obstacles);
        }
        List<List<ServerState>> batches = new ArrayList<>();
        List<ServerState> batch = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            ServerState server = d.server(name).orElseThrow();
            if (!server.isUp()) {
                obstacles.add(new Rejection(RejectionCode.ROLLOUT_NOT_POSSIBLE, name + " is already offline: start it"
                        + " before rolling the pool, or leave it out with --servers."));
                continue;
            }
            List<ServerState> wider = new ArrayList<>(batch);
            wider.add(server);
            if (wider.size() <= options.maxUnavailable() && guardRefusals(d, pool, wider).isEmpty()) {
                batch = wider;
                continue;
            }
            List<String> alone = guardRefusals(d, pool, List.of(server));
            if (!alone.isEmpty()) {
                alone.forEach(why -> obstacles.add(new Rejection(RejectionCode.ROLLOUT_NOT_POSSIBLE, why)));
                continue;
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
            batch = new ArrayList<>(List.of(server));
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        if (!obstacles.isEmpty()) {
            return new RolloutPlan(pool, options.maxUnavailable(), List.of(), obstacles);
        }
        List<RolloutPlan.Batch> planned = new ArrayList<>();
        for (List<ServerState> b : batches) {
            planned.add(new RolloutPlan.Batch(planned.size() + 1, b.stream().map(s -> serverPlan(d, s)).toList(),
                    capacity(d, pool, b), quorum(d, pool, b)));
        }
        return new RolloutPlan(pool, options.maxUnavailable(), planned, List.of());
    }

    private static RolloutPlan impossible(String pool, RolloutOptions options, RejectionCode code, String message) {
        return new RolloutPlan(pool, options.maxUnavailable(), List.of(), List.of(new Rejection(code, message)));
    }

    /**
     * Why stopping, or pausing, these servers together would be refused by a guard (quorum first,
     * then the first service left without a running instance); empty if it would not.
     */
    private static List<String> guardRefusals(Deployment d, String pool, List<ServerState> out) {
        String who = String.join(" and ", out.stream().map(ServerState::name).toList());
        String advice = out.size() == 1 ? "leave it out with --servers" : "lower --max-unavailable";
        List<String> refusals = new ArrayList<>();
        List<ServerState> members = d.serversOf(pool);
        int required = Quorum.required(members.size());
        long up = members.stream().filter(ServerState::isUp).count() - out.size();
        if (up < required) {
            refusals.add("taking " + who + " offline would leave pool " + pool + " with " + up + " of "
                    + members.size() + " servers up, below its quorum of " + required + ": bring another server up"
                    + " first, or " + advice + ".");
        }
        services(d, pool).stream()
                .filter(service -> running(d, pool, service, List.of()) > 0 && running(d, pool, service, out) == 0)
                .findFirst()
                .ifPresent(service -> refusals.add("taking " + who + " out would leave pool " + pool
                        + " with no running " + service + ": start or resume it on another server first, or "
                        + advice + "."));
        return refusals;
    }

    private static String capacity(Deployment d, String pool, List<ServerState> out) {
        String fewest = services(d, pool).stream().filter(s -> running(d, pool, s, List.of()) > 0)
                .min(Comparator.comparingLong(s -> running(d, pool, s, out))).orElse(null);
        if (fewest == null) {
            return "no service of the pool is running";
        }
        return running(d, pool, fewest, out) + " running instance(s) of " + fewest + " stay while paused";
    }

    private static String quorum(Deployment d, String pool, List<ServerState> out) {
        List<ServerState> members = d.serversOf(pool);
        long up = members.stream().filter(ServerState::isUp).count() - out.size();
        return up + " of " + members.size() + " servers stay up while offline (quorum " + Quorum.required(members.size())
                + ")";
    }

    private static Set<String> services(Deployment d, String pool) {
        Set<String> names = new LinkedHashSet<>();
        d.serversOf(pool).forEach(s -> names.addAll(s.services().keySet()));
        return names;
    }

    private static long running(Deployment d, String pool, String service, List<ServerState> out) {
        Set<String> excluded = new HashSet<>();
        out.forEach(s -> excluded.add(s.name()));
        return d.serversOf(pool).stream().filter(s -> !excluded.contains(s.name())).map(s -> s.service(service))
                .filter(s -> s != null && s.status() == ServiceStatus.RUNNING).count();
    }

    private RolloutPlan.ServerPlan serverPlan(Deployment d, ServerState server) {
        List<SessionView> sessions = new ArrayList<>();
        server.services().values().forEach(svc -> svc.sessions().values().forEach(x ->
                sessions.add(new SessionView(svc.name(), x.id(), x.feature(), x.startedAt()))));
        boolean dnsLb = d.pool(server.pool()).orElseThrow().dnsLoadBalancing();
        List<String> notRerouted = dnsLb ? List.of() : catalog.role(server.role()).stream()
                .flatMap(r -> r.services().stream())
                .filter(w -> server.service(w.displayName()) != null
                        && server.service(w.displayName()).status() != ServiceStatus.OFFLINE)
                .flatMap(w -> w.features().stream()).filter(Feature::needsDnsLoadBalancing).map(Feature::id).toList();
        return new RolloutPlan.ServerPlan(server.name(), sessions, notRerouted);
    }
}
