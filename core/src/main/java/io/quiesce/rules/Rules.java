package io.quiesce.rules;

import io.quiesce.auth.Authorization;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.catalog.Role;
import io.quiesce.catalog.WindowsService;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.Authorized;
import io.quiesce.command.Command.Connect;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.command.Command.DeadlinePassed;
import io.quiesce.command.Command.End;
import io.quiesce.command.Command.Observe;
import io.quiesce.command.Command.Pause;
import io.quiesce.command.Command.Restart;
import io.quiesce.command.Command.Resume;
import io.quiesce.command.Command.SetDnsLoadBalancing;
import io.quiesce.command.Command.SetStartup;
import io.quiesce.command.Command.Start;
import io.quiesce.command.Command.Stop;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.DnsLoadBalancingChanged;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServerRestarted;
import io.quiesce.pool.PoolState;
import io.quiesce.server.Quorum;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.text.Names;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decider of the whole deployment: {@code decide(state, command)} gives the events to record
 * or a refusal. Pure: no I/O, no clock, no randomness; the same rules run in the actors, in
 * property tests and in replays.
 */
public final class Rules {
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,253}");

    private final Catalog catalog;
    private final FeatureHosts featureHosts;
    private final Authorization authorization;

    public Rules(Catalog catalog, Authorization authorization) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.featureHosts = new FeatureHosts(catalog);
        this.authorization = Objects.requireNonNull(authorization, "authorization");
    }

    public Catalog catalog() {
        return catalog;
    }

    public Authorization authorization() {
        return authorization;
    }

    public Decision decide(Deployment d, Command command) {
        if (command instanceof Authorized a && !authorization.mayChange(a.act().by())) {
            return Decision.reject(RejectionCode.NOT_AUTHORIZED, a.act().by().name() + " is not a member of "
                    + authorization.adminGroup() + ": ask an administrator to do this.");
        }
        return decideAuthorized(d, command);
    }

    /** What taking the server offline, or restarting it, would do now (rule 15). */
    public Plan plan(Deployment d, String server, Instant at) {
        ServerState s = d.server(server).orElse(null);
        if (s == null) {
            throw new IllegalArgumentException(unknownServer(server).message());
        }
        Act act = Act.of(io.quiesce.auth.Principal.of("plan", authorization.adminGroup()), at);
        List<Plan.SessionView> sessions = new ArrayList<>();
        s.services().values().forEach(svc -> svc.sessions().values().forEach(x ->
                sessions.add(new Plan.SessionView(svc.name(), x.id(), x.feature(), x.startedAt()))));
        // The sessions a stop would have to wait for refuse it without force, as the guards do.
        List<Rejection> waits = s.services().values().stream()
                .map(svc -> ServiceDecider.stop(svc, false, notRerouted(d, svc), act).refusal())
                .filter(Objects::nonNull).toList();
        return new Plan(s.name(), s.pool(), s.status(), List.copyOf(sessions),
                preview(waits, whole(d, s, true, Verb.STOP,
                        (svc, wholeServer) -> ServiceDecider.stop(svc, true, notRerouted(d, svc), act))),
                preview(List.of(), restartDecision(d, s, act, true)));
    }

    private static Plan.Preview preview(List<Rejection> waits, Evaluation forced) {
        List<Rejection> refusals = new ArrayList<>(waits);
        forced.guards().forEach(g -> refusals.add(g.refusal()));
        List<ServiceOutcome> outcomes = forced.decision() instanceof Decision.Accepted a ? a.outcomes() : List.of();
        Rejection blocked = forced.decision() instanceof Decision.Rejected r ? r.rejection() : null;
        // What the forced command would warn, guards overridden included, as it would print it.
        return new Plan.Preview(blocked, refusals, outcomes, forced.decision().warnings());
    }

    private Decision decideAuthorized(Deployment d, Command command) {
        if (command instanceof CreatePool c) {
            return createPool(d, c);
        } else if (command instanceof SetDnsLoadBalancing c) {
            return setDnsLoadBalancing(d, c);
        } else if (command instanceof AddServer c) {
            return addServer(d, c);
        } else if (command instanceof Pause c) {
            Rejection outOfRange = PauseDeadline.refusal(c.deadline());
            if (outOfRange != null) {
                return new Decision.Rejected(outOfRange, List.of());
            }
            Instant deadline;
            try {
                deadline = c.deadline() == null ? null : c.act().at().plus(c.deadline());
            } catch (java.time.DateTimeException | ArithmeticException e) {
                return Decision.reject(RejectionCode.INVALID_ARGUMENT, "a pause deadline of " + c.deadline()
                        + " ends after the last instant a clock can show: give a shorter one.");
            }
            return serviceCommand(d, c.server(), c.service(), c.act(), c.force(), Verb.PAUSE,
                    (s, wholeServer) -> ServiceDecider.pause(s, deadline, c.clearDeadline(), c.act(), wholeServer));
        } else if (command instanceof Resume c) {
            return serviceCommand(d, c.server(), c.service(), c.act(), false, Verb.RESUME,
                    (s, wholeServer) -> ServiceDecider.resume(s, c.act(), wholeServer));
        } else if (command instanceof Start c) {
            return serviceCommand(d, c.server(), c.service(), c.act(), false, Verb.START,
                    (s, wholeServer) -> ServiceDecider.start(s, c.act(), wholeServer));
        } else if (command instanceof Stop c) {
            return serviceCommand(d, c.server(), c.service(), c.act(), c.force(), Verb.STOP,
                    (s, wholeServer) -> ServiceDecider.stop(s, c.force(), notRerouted(d, s), c.act()));
        } else if (command instanceof SetStartup c) {
            return serviceCommand(d, c.server(), c.service(), c.act(), false, Verb.STARTUP,
                    (s, wholeServer) -> ServiceDecider.setStartup(s, c.type(), c.act()));
        } else if (command instanceof Restart c) {
            Optional<ServerState> server = d.server(c.server());
            return server.isEmpty() ? new Decision.Rejected(unknownServer(c.server()), List.of())
                    : restartDecision(d, server.get(), c.act(), c.force()).decision();
        } else if (command instanceof Connect c) {
            return connect(d, c);
        } else if (command instanceof End c) {
            return d.serviceWithSession(c.session())
                    .<Decision>map(s -> accepted(List.of(ServiceDecider.endSession(s, c.session(), c.act())), List.of()))
                    .orElseGet(() -> Decision.reject(RejectionCode.UNKNOWN_SESSION,
                            "no active session " + c.session() + ": it may have ended already; check status."));
        } else if (command instanceof Observe c) {
            return observe(d, c);
        } else if (command instanceof DeadlinePassed c) {
            Optional<ServerState> server = d.server(c.server());
            if (server.isEmpty()) {
                return new Decision.Rejected(unknownServer(c.server()), List.of());
            }
            ServiceState service = server.get().service(c.service());
            if (service == null) {
                return Decision.reject(RejectionCode.UNKNOWN_SERVICE,
                        c.server() + " has no service " + c.service() + ".");
            }
            return accepted(List.of(ServiceDecider.deadlinePassed(service, c.at())), List.of());
        }
        throw new IllegalArgumentException("unknown command: " + command);
    }

    private Decision createPool(Deployment d, CreatePool c) {
        if (!isHostName(c.pool())) {
            return Decision.reject(RejectionCode.INVALID_ARGUMENT, invalidName("pool", c.pool()));
        }
        if (d.pool(c.pool()).isPresent()) {
            return Decision.reject(RejectionCode.POOL_EXISTS,
                    "pool " + c.pool() + " already exists: choose another name.");
        }
        return accepted(new PoolCreated(c.at(), c.pool(), c.dnsLoadBalancing(), c.act().by().name(),
                c.act().reason()));
    }

    private Decision setDnsLoadBalancing(Deployment d, SetDnsLoadBalancing c) {
        Optional<PoolState> pool = d.pool(c.pool());
        if (pool.isEmpty()) {
            return new Decision.Rejected(unknownPool(c.pool()), List.of());
        }
        if (pool.get().dnsLoadBalancing() == c.on()) {
            return new Decision.Accepted(List.of(), List.of(), List.of());
        }
        return accepted(new DnsLoadBalancingChanged(c.at(), pool.get().name(), c.on(), c.act().by().name(),
                c.act().reason()));
    }

    private Decision addServer(Deployment d, AddServer c) {
        Optional<PoolState> pool = d.pool(c.pool());
        if (pool.isEmpty()) {
            return new Decision.Rejected(unknownPool(c.pool()), List.of());
        }
        if (!isHostName(c.server())) {
            return Decision.reject(RejectionCode.INVALID_ARGUMENT, invalidName("server", c.server()));
        }
        if (d.server(c.server()).isPresent()) {
            return Decision.reject(RejectionCode.SERVER_EXISTS, "server " + c.server() + " is already in pool "
                    + d.server(c.server()).get().pool() + ": choose another name.");
        }
        String roleName = c.role() == null ? catalog.defaultRole() : c.role();
        Optional<Role> role = catalog.role(roleName);
        if (role.isEmpty()) {
            return Decision.reject(RejectionCode.UNKNOWN_ROLE, "the catalog has no role " + roleName
                    + ": use one of " + String.join(", ", catalog.roles().keySet()) + ".");
        }
        if (pool.get().servers().size() >= Quorum.MAX_POOL_SIZE) {
            return Decision.reject(RejectionCode.POOL_FULL, "pool " + c.pool() + " already has "
                    + Quorum.MAX_POOL_SIZE + " servers, the most a pool can hold: create another pool.");
        }
        return accepted(new ServerAdded(c.at(), pool.get().name(), c.server(), role.get().name(), role.get().coreService(),
                role.get().serviceNames(), c.act().by().name(), c.act().reason()));
    }

    /** A load balancer's count of one service's connections; a whole server cannot be observed at once. */
    private Decision observe(Deployment d, Observe c) {
        Optional<ServerState> server = d.server(c.server());
        if (server.isEmpty()) {
            return new Decision.Rejected(unknownServer(c.server()), List.of());
        }
        if (c.service() == null || c.service().isBlank()) {
            return Decision.reject(RejectionCode.INVALID_ARGUMENT, "an observed count is for one service: name it,"
                    + " for example RTCSRV.");
        }
        if (c.sessions() < 0) {
            return Decision.reject(RejectionCode.INVALID_ARGUMENT, "an observed session count cannot be negative,"
                    + " not " + c.sessions() + ": send 0 or more.");
        }
        Optional<ServiceState> service = resolveService(server.get(), c.service());
        if (service.isEmpty()) {
            return new Decision.Rejected(unknownService(server.get(), c.service(), Verb.OBSERVE), List.of());
        }
        Step step = ServiceDecider.observe(service.get(), c.sessions(), c.act());
        return step.refusal() != null ? new Decision.Rejected(step.refusal(), List.of())
                : accepted(List.of(step), List.of());
    }

    /** Rules 6 and 11: the least loaded server whose hosting service takes the feature, ties in listing order. */
    private Decision connect(Deployment d, Connect c) {
        Optional<PoolState> pool = d.pool(c.pool());
        if (pool.isEmpty()) {
            return new Decision.Rejected(unknownPool(c.pool()), List.of());
        }
        if (c.session() == null || c.session().isBlank()) {
            return Decision.reject(RejectionCode.INVALID_ARGUMENT, "a session needs an id.");
        }
        if (!featureHosts.anyRoleHosts(c.feature())) {
            return Decision.reject(RejectionCode.UNKNOWN_FEATURE, "no role of the catalog hosts a feature named "
                    + c.feature() + ": check the feature id.");
        }
        if (d.hasSession(c.session())) {
            return Decision.reject(RejectionCode.DUPLICATE_SESSION,
                    "session " + c.session() + " is already active: use a new id.");
        }
        // The least loaded service that takes the session, ties to the first server by name.
        ServiceState target = null;
        boolean targetNotRerouted = false;
        // The servers of a pool mostly share one role: its host is looked up once per role in a row.
        String role = null;
        FeatureHosts.Host host = null;
        for (String name : pool.get().servers()) {
            ServerState server = d.servers().get(name);
            if (!server.role().equals(role)) {
                role = server.role();
                host = catalog.role(role).map(r -> featureHosts.in(r, c.feature())).orElse(null);
            }
            ServiceState s = host == null ? null : server.service(host.service().displayName());
            if (s == null) {
                continue;
            }
            boolean notRerouted = !pool.get().dnsLoadBalancing() && host.needsDnsLoadBalancing();
            if (ServiceDecider.takesNewSession(s, notRerouted) && (target == null
                    || s.sessionCount() < target.sessionCount()
                    || s.sessionCount() == target.sessionCount()
                    && Names.ORDER.compare(s.server(), target.server()) < 0)) {
                target = s;
                targetNotRerouted = notRerouted;
            }
        }
        if (target == null) {
            return accepted(new ConnectionLost(c.at(), pool.get().name(), c.feature(), c.session(),
                    c.act().by().name()));
        }
        return accepted(List.of(ServiceDecider.openSession(target, c.session(), c.feature(), targetNotRerouted,
                c.act())), List.of());
    }

    private enum Verb {
        PAUSE("pausing", "pause"), RESUME("resuming", "resume"), START("starting", "start"),
        STOP("stopping", "stop"), STARTUP("setting the startup type of", "set the startup type of"),
        OBSERVE("observing", "observe");

        final String gerund;
        final String infinitive;

        Verb(String gerund, String infinitive) {
            this.gerund = gerund;
            this.infinitive = infinitive;
        }
    }

    @FunctionalInterface
    private interface ServiceStepper {
        Step step(ServiceState service, boolean wholeServer);
    }

    /** A decision and every guard that refused (or would have, were it not forced). */
    private record Evaluation(Decision decision, List<Guard> guards) {
    }

    /**
     * A guard in the way: the refusal (which says what to do instead, or to force), and what the
     * command does anyway when it is forced.
     */
    private record Guard(Rejection refusal, String forced) {
    }

    private Decision serviceCommand(Deployment d, String serverName, String serviceName, Act act, boolean force,
                                    Verb verb, ServiceStepper stepper) {
        Optional<ServerState> server = d.server(serverName);
        if (server.isEmpty()) {
            return new Decision.Rejected(unknownServer(serverName), List.of());
        }
        if (serviceName == null) {
            return whole(d, server.get(), force, verb, stepper).decision();
        }
        Optional<ServiceState> service = resolveService(server.get(), serviceName);
        if (service.isEmpty()) {
            return new Decision.Rejected(unknownService(server.get(), serviceName, verb), List.of());
        }
        return evaluate(d, server.get(), List.of(stepper.step(service.get(), false)), force, verb).decision();
    }

    private Evaluation whole(Deployment d, ServerState server, boolean force, Verb verb, ServiceStepper stepper) {
        List<Step> steps = server.services().values().stream().map(s -> stepper.step(s, true)).toList();
        return evaluate(d, server, steps, force, verb);
    }

    /**
     * Rule 10: every service's refusal and every guard is checked before anything is applied;
     * one refusal refuses the whole command.
     */
    private Evaluation evaluate(Deployment d, ServerState server, List<Step> steps, boolean force, Verb verb) {
        for (Step step : steps) {
            if (step.refusal() != null) {
                return new Evaluation(new Decision.Rejected(step.refusal(), List.of()), List.of());
            }
        }
        List<Event> events = new ArrayList<>();
        steps.forEach(s -> events.addAll(s.events()));
        Deployment after = d.evolve(events);
        List<Guard> guards = new ArrayList<>();
        if (verb == Verb.PAUSE || verb == Verb.STOP) {
            guards.addAll(capacityGuard(d, after, server, verb.gerund));
        }
        if (verb == Verb.STOP) {
            guards.addAll(quorumGuard(d, after, server, verb.gerund));
        }
        return finish(steps, events, guards, force, warningsFor(d, server, steps, verb));
    }

    private Evaluation restartDecision(Deployment d, ServerState server, Act act, boolean force) {
        List<Guard> refusals = new ArrayList<>();
        int sessions = server.sessionCount();
        if (sessions > 0) {
            boolean draining = server.services().values().stream()
                    .filter(ServiceState::hasSessions).allMatch(s -> s.status().isPaused());
            refusals.add(new Guard(new Rejection(RejectionCode.SESSIONS_ACTIVE, server.name() + " still has "
                    + sessions + " session(s): " + (draining ? "" : "pause it and ") + "wait until it is drained,"
                    + " or force the restart to interrupt them."),
                    "restarting " + server.name() + " interrupts its " + sessions + " session(s)."));
        }
        // While it reboots the server serves nothing, whatever its services do afterwards.
        Deployment during = d.withServerDown(server.name());
        refusals.addAll(capacityGuard(d, during, server, "restarting"));
        refusals.addAll(quorumGuard(d, during, server, "restarting"));
        List<Step> steps = server.services().values().stream()
                .map(s -> ServiceDecider.restart(s, act.at())).toList();
        List<Event> events = new ArrayList<>();
        events.add(new ServerRestarted(act.at(), server.name(), force, act.by().name(), act.reason()));
        steps.forEach(s -> events.addAll(s.events()));
        List<Warning> warnings = new ArrayList<>();
        server.services().values().stream()
                .filter(s -> s.status().isPaused() && s.startup() == io.quiesce.service.StartupType.AUTOMATIC)
                .forEach(s -> warnings.add(new Warning(WarningCode.PAUSE_CLEARED_BY_RESTART, s.name() + " on "
                        + server.name() + " is paused but starts automatically: the restart clears the pause and"
                        + " it takes new connections at once; set its startup type to manual first to keep it out.")));
        return finish(steps, events, refusals, force, warnings);
    }

    private static Evaluation finish(List<Step> steps, List<Event> events, List<Guard> guards, boolean force,
                                     List<Warning> warnings) {
        if (!guards.isEmpty() && !force) {
            return new Evaluation(new Decision.Rejected(guards.get(0).refusal(), warnings), guards);
        }
        List<Warning> all = new ArrayList<>(warnings);
        guards.forEach(g -> all.add(new Warning(WarningCode.GUARD_OVERRIDDEN, "forced: " + g.forced())));
        long interrupted = events.stream().mapToLong(e -> e instanceof Event.SessionInterrupted ? 1
                : e instanceof Event.ObservedSessionsInterrupted o ? o.sessions() : 0).sum();
        if (interrupted > 0) {
            all.add(new Warning(WarningCode.SESSIONS_INTERRUPTED, "forced: " + interrupted
                    + " session(s) interrupted."));
        }
        List<ServiceOutcome> outcomes = steps.stream().map(Step::outcome).toList();
        return new Evaluation(new Decision.Accepted(events, outcomes, all), guards);
    }

    /** Rule 14: pausing or stopping a service whose features will not be re-routed. */
    private List<Warning> warningsFor(Deployment d, ServerState server, List<Step> steps, Verb verb) {
        if (verb != Verb.PAUSE && verb != Verb.STOP) {
            return List.of();
        }
        PoolState pool = d.pool(server.pool()).orElseThrow();
        if (pool.dnsLoadBalancing()) {
            return List.of();
        }
        List<Warning> warnings = new ArrayList<>();
        for (Step step : steps) {
            Optional<WindowsService> def = definition(server, step.before().name());
            // A paused service whose deadline changes was warned about when it was paused.
            boolean goesOut = step.changed() && step.after().status() != step.before().status();
            if (goesOut && def.isPresent() && def.get().hostsDnsDependentFeature()) {
                String features = def.get().features().stream().filter(Feature::needsDnsLoadBalancing)
                        .map(Feature::id).reduce((a, b) -> a + ", " + b).orElse("");
                warnings.add(new Warning(WarningCode.DNS_LB_NOT_REROUTED, "pool " + pool.name()
                        + " does not use DNS load balancing: " + features + " sessions on " + step.before().name()
                        + " of " + server.name() + " are not re-routed and will be interrupted when it goes"
                        + " offline."));
            }
        }
        return warnings;
    }

    /** Rule 12: a command may not take away the pool's last RUNNING instance of a service. */
    private static List<Guard> capacityGuard(Deployment before, Deployment after, ServerState server,
                                             String gerund) {
        List<Guard> refusals = new ArrayList<>();
        for (String service : server.services().keySet()) {
            long runningBefore = before.runningInstances(server.pool(), service);
            long runningAfter = after.runningInstances(server.pool(), service);
            if (runningBefore > 0 && runningAfter == 0) {
                String left = "pool " + server.pool() + " with no running " + service;
                refusals.add(new Guard(new Rejection(RejectionCode.CAPACITY_GUARD, gerund + " " + server.name()
                        + " would leave " + left + ": start or resume it on another server first, or force."),
                        gerund + " " + server.name() + " leaves " + left + "."));
            }
        }
        return refusals;
    }

    /** Rule 13: a stop or restart may not bring the servers up below the pool's quorum. */
    private static List<Guard> quorumGuard(Deployment before, Deployment after, ServerState server,
                                           String gerund) {
        List<ServerState> members = before.serversOf(server.pool());
        int required = Quorum.required(members.size());
        long upBefore = members.stream().filter(ServerState::isUp).count();
        long upAfter = after.serversOf(server.pool()).stream().filter(ServerState::isUp).count();
        if (upAfter < upBefore && upAfter < required) {
            String left = "pool " + server.pool() + " with " + upAfter + " of " + members.size()
                    + " servers up, below its quorum of " + required;
            return List.of(new Guard(new Rejection(RejectionCode.QUORUM_GUARD, gerund + " " + server.name()
                    + " would leave " + left + ": bring another server up first, or force."),
                    gerund + " " + server.name() + " leaves " + left + "."));
        }
        return List.of();
    }

    private static Decision accepted(Event event) {
        return new Decision.Accepted(List.of(event), List.of(), List.of());
    }

    private static Decision accepted(List<Step> steps, List<Warning> warnings) {
        List<Event> events = new ArrayList<>();
        List<ServiceOutcome> outcomes = new ArrayList<>(steps.size());
        for (Step s : steps) { // a loop: every session's connect and end passes here
            events.addAll(s.events());
            outcomes.add(s.outcome());
        }
        return new Decision.Accepted(events, outcomes, warnings);
    }

    /** Features on this service that would not be re-routed: the pool lacks DNS load balancing. */
    private java.util.function.Predicate<String> notRerouted(Deployment d, ServiceState s) {
        boolean dnsLb = d.pool(d.server(s.server()).orElseThrow().pool()).orElseThrow().dnsLoadBalancing();
        ServerState server = d.server(s.server()).orElseThrow();
        return feature -> !dnsLb && definition(server, s.name())
                .flatMap(w -> w.feature(feature)).map(Feature::needsDnsLoadBalancing).orElse(false);
    }

    private Optional<WindowsService> definition(ServerState server, String displayName) {
        return catalog.role(server.role()).flatMap(r -> r.service(displayName));
    }

    private Optional<ServiceState> resolveService(ServerState server, String name) {
        for (ServiceState s : server.services().values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return catalog.role(server.role()).flatMap(r -> r.service(name)).map(w -> server.service(w.displayName()));
    }

    private Rejection unknownService(ServerState server, String name, Verb verb) {
        Optional<WindowsService> holder = catalog.role(server.role()).flatMap(r -> r.serviceConsolidating(name));
        if (holder.isPresent()) {
            return new Rejection(RejectionCode.COMPONENT_NOT_PAUSABLE, name + " is part of the Windows service "
                    + holder.get().displayName() + " and cannot be handled on its own: " + verb.infinitive + " "
                    + holder.get().displayName() + " instead.");
        }
        return new Rejection(RejectionCode.UNKNOWN_SERVICE, server.name() + " has no service named " + name
                + ": use a display name or a short name such as "
                + catalog.role(server.role()).map(r -> r.services().get(0).shortName()).orElse("RTCSRV") + ".");
    }

    /** Pool and server names are host names, so they are safe in journal keys and file names. */
    private static boolean isHostName(String name) {
        return name != null && HOST_NAME.matcher(name).matches();
    }

    private static String invalidName(String what, String name) {
        return "\"" + name + "\" is not a valid " + what + " name: use letters, digits, '.', '-' and '_' (at most 253).";
    }

    private static Rejection unknownServer(String server) {
        return new Rejection(RejectionCode.UNKNOWN_SERVER,
                "no server named " + server + ": check the name with status.");
    }

    private static Rejection unknownPool(String pool) {
        return new Rejection(RejectionCode.UNKNOWN_POOL, "no pool named " + pool + ": create it first.");
    }
}
