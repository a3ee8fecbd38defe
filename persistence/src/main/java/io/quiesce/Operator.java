package io.quiesce;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.service.StartupType;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Commands on behalf of one principal, each stamped with the library's clock and the reason
 * given by {@link #because}. Every command has an asynchronous form ({@code ...Async}, completing
 * once the events are in the journal) and a blocking one. A {@link Decision} is accepted or
 * refused by the rules; a journal failure or timeout is a {@link QuiesceException}.
 */
public final class Operator {
    private final Quiesce quiesce;
    private final Principal principal;
    private final String reason;

    Operator(Quiesce quiesce, Principal principal, String reason) {
        this.quiesce = Objects.requireNonNull(quiesce, "quiesce");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.reason = reason;
    }

    /** The same principal, recording {@code why} on every administrative act it does. */
    public Operator because(String why) {
        return new Operator(quiesce, principal, why);
    }

    /** Who these commands are from. */
    public Principal principal() {
        return principal;
    }

    private Act act() {
        // The library stamps the time again when it submits; this one is a placeholder.
        return new Act(principal, quiesce.clock().instant(), reason);
    }

    private CompletionStage<Decision> submit(Command command) {
        return quiesce.executeAsync(command);
    }

    private static String service(Target target) {
        return target.service().orElse(null);
    }

    /** Creates a pool that uses DNS load balancing. */
    public CompletionStage<Decision> createPoolAsync(String pool) {
        return createPoolAsync(pool, DnsLoadBalancing.ON);
    }

    /** Creates a pool, with or without DNS load balancing. */
    public CompletionStage<Decision> createPoolAsync(String pool, DnsLoadBalancing dns) {
        return submit(new Command.CreatePool(pool, dns == DnsLoadBalancing.ON, act()));
    }

    /** {@link #createPoolAsync(String)}, waiting for the answer. */
    public Decision createPool(String pool) {
        return quiesce.await(createPoolAsync(pool));
    }

    /** {@link #createPoolAsync(String, DnsLoadBalancing)}, waiting for the answer. */
    public Decision createPool(String pool, DnsLoadBalancing dns) {
        return quiesce.await(createPoolAsync(pool, dns));
    }

    /** Records that the pool now uses DNS load balancing, or no longer does. */
    public CompletionStage<Decision> setDnsLoadBalancingAsync(String pool, DnsLoadBalancing dns) {
        return submit(new Command.SetDnsLoadBalancing(pool, dns == DnsLoadBalancing.ON, act()));
    }

    /** {@link #setDnsLoadBalancingAsync}, waiting for the answer. */
    public Decision setDnsLoadBalancing(String pool, DnsLoadBalancing dns) {
        return quiesce.await(setDnsLoadBalancingAsync(pool, dns));
    }

    /** Adds a server of the catalog's default role to a pool, every service RUNNING and AUTOMATIC. */
    public CompletionStage<Decision> addServerAsync(String pool, String server) {
        return submit(new Command.AddServer(pool, server, null, act()));
    }

    /** Adds a server of the catalog role {@code role} to a pool. */
    public CompletionStage<Decision> addServerAsync(String pool, String server, String role) {
        Objects.requireNonNull(role, "role");
        return submit(new Command.AddServer(pool, server, role, act()));
    }

    /** {@link #addServerAsync(String, String)}, waiting for the answer. */
    public Decision addServer(String pool, String server) {
        return quiesce.await(addServerAsync(pool, server));
    }

    /** {@link #addServerAsync(String, String, String)}, waiting for the answer. */
    public Decision addServer(String pool, String server, String role) {
        return quiesce.await(addServerAsync(pool, server, role));
    }

    /** Prevents new connections; sessions go on until they end, and the guards apply. */
    public CompletionStage<Decision> pauseAsync(Target target) {
        return pauseAsync(target, PauseOptions.untilDrained());
    }

    /** Prevents new connections, with a deadline for the sessions or overriding the guards. */
    public CompletionStage<Decision> pauseAsync(Target target, PauseOptions options) {
        return submit(new Command.Pause(target.server(), service(target), options.deadline().orElse(null),
                options.force() == Force.YES, act()));
    }

    /** {@link #pauseAsync(Target)}, waiting for the answer. */
    public Decision pause(Target target) {
        return quiesce.await(pauseAsync(target));
    }

    /** {@link #pauseAsync(Target, PauseOptions)}, waiting for the answer. */
    public Decision pause(Target target, PauseOptions options) {
        return quiesce.await(pauseAsync(target, options));
    }

    /** Takes new connections again. */
    public CompletionStage<Decision> resumeAsync(Target target) {
        return submit(new Command.Resume(target.server(), service(target), act()));
    }

    /** {@link #resumeAsync}, waiting for the answer. */
    public Decision resume(Target target) {
        return quiesce.await(resumeAsync(target));
    }

    /** Starts what is offline. */
    public CompletionStage<Decision> startAsync(Target target) {
        return submit(new Command.Start(target.server(), service(target), act()));
    }

    /** {@link #startAsync}, waiting for the answer. */
    public Decision start(Target target) {
        return quiesce.await(startAsync(target));
    }

    /** Takes a drained service offline; refused while sessions are on or a guard objects. */
    public CompletionStage<Decision> stopAsync(Target target) {
        return stopAsync(target, Force.NO);
    }

    /** Takes a service offline; with {@link Force#YES}, cutting off its sessions and overriding the guards. */
    public CompletionStage<Decision> stopAsync(Target target, Force force) {
        return submit(new Command.Stop(target.server(), service(target), force == Force.YES, act()));
    }

    /** {@link #stopAsync(Target)}, waiting for the answer. */
    public Decision stop(Target target) {
        return quiesce.await(stopAsync(target));
    }

    /** {@link #stopAsync(Target, Force)}, waiting for the answer. */
    public Decision stop(Target target, Force force) {
        return quiesce.await(stopAsync(target, force));
    }

    /** Sets what a restart brings back: AUTOMATIC services come back RUNNING, others stay offline. */
    public CompletionStage<Decision> setStartupAsync(Target target, StartupType type) {
        return submit(new Command.SetStartup(target.server(), service(target), type, act()));
    }

    /** {@link #setStartupAsync}, waiting for the answer. */
    public Decision setStartup(Target target, StartupType type) {
        return quiesce.await(setStartupAsync(target, type));
    }

    /** Restarts a server; refused while sessions are on or a guard objects. */
    public CompletionStage<Decision> restartAsync(Target.Server server) {
        return restartAsync(server, Force.NO);
    }

    /** Restarts a server; with {@link Force#YES}, cutting off its sessions and overriding the guards. */
    public CompletionStage<Decision> restartAsync(Target.Server server, Force force) {
        return submit(new Command.Restart(server.name(), force == Force.YES, act()));
    }

    /** {@link #restartAsync(Target.Server)}, waiting for the answer. */
    public Decision restart(Target.Server server) {
        return quiesce.await(restartAsync(server));
    }

    /** {@link #restartAsync(Target.Server, Force)}, waiting for the answer. */
    public Decision restart(Target.Server server, Force force) {
        return quiesce.await(restartAsync(server, force));
    }

    /** A new connection for {@code feature}, routed by the pool, under a fresh session id. */
    public CompletionStage<Decision> connectAsync(String pool, String feature) {
        return connectAsync(pool, feature, UUID.randomUUID().toString());
    }

    /** A new connection for {@code feature} under the caller's session id, which must not be in use. */
    public CompletionStage<Decision> connectAsync(String pool, String feature, String session) {
        Objects.requireNonNull(session, "session");
        return submit(new Command.Connect(pool, feature, session, act()));
    }

    /** {@link #connectAsync(String, String)}, waiting for the answer. */
    public Decision connect(String pool, String feature) {
        return quiesce.await(connectAsync(pool, feature));
    }

    /** {@link #connectAsync(String, String, String)}, waiting for the answer. */
    public Decision connect(String pool, String feature, String session) {
        return quiesce.await(connectAsync(pool, feature, session));
    }

    /** The session ends: its user hung up. */
    public CompletionStage<Decision> endAsync(String session) {
        return submit(new Command.End(session, act()));
    }

    /** {@link #endAsync}, waiting for the answer. */
    public Decision end(String session) {
        return quiesce.await(endAsync(session));
    }
}
