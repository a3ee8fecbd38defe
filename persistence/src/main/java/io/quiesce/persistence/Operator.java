package io.quiesce.persistence;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.service.StartupType;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Commands on behalf of one principal, each stamped with the library's clock and the reason
 * given by {@link #because}. A {@code service} of null addresses the whole server. Every command
 * has an asynchronous form ({@code ...Async}) and a blocking one.
 */
public final class Operator {
    private final Quiesce quiesce;
    private final Principal principal;
    private final String reason;

    Operator(Quiesce quiesce, Principal principal, String reason) {
        this.quiesce = quiesce;
        this.principal = principal;
        this.reason = reason;
    }

    /** The same principal, recording {@code why} on what it does. */
    public Operator because(String why) {
        return new Operator(quiesce, principal, why);
    }

    private Act act() {
        return new Act(principal, quiesce.clock().instant(), reason);
    }

    public CompletionStage<Decision> createPoolAsync(String pool, boolean dnsLoadBalancing) {
        return quiesce.submit(new Command.CreatePool(pool, dnsLoadBalancing, act()));
    }

    public Decision createPool(String pool, boolean dnsLoadBalancing) {
        return quiesce.await(createPoolAsync(pool, dnsLoadBalancing));
    }

    public CompletionStage<Decision> setDnsLoadBalancingAsync(String pool, boolean on) {
        return quiesce.submit(new Command.SetDnsLoadBalancing(pool, on, act()));
    }

    public Decision setDnsLoadBalancing(String pool, boolean on) {
        return quiesce.await(setDnsLoadBalancingAsync(pool, on));
    }

    /** {@code role} null: the catalog's default role. */
    public CompletionStage<Decision> addServerAsync(String pool, String server, String role) {
        return quiesce.submit(new Command.AddServer(pool, server, role, act()));
    }

    public Decision addServer(String pool, String server, String role) {
        return quiesce.await(addServerAsync(pool, server, role));
    }

    /** {@code deadline} null: sessions may take as long as they need. */
    public CompletionStage<Decision> pauseAsync(String server, String service, Duration deadline, boolean force) {
        return quiesce.submit(new Command.Pause(server, service, deadline, force, act()));
    }

    public Decision pause(String server, String service, Duration deadline, boolean force) {
        return quiesce.await(pauseAsync(server, service, deadline, force));
    }

    public CompletionStage<Decision> resumeAsync(String server, String service) {
        return quiesce.submit(new Command.Resume(server, service, act()));
    }

    public Decision resume(String server, String service) {
        return quiesce.await(resumeAsync(server, service));
    }

    public CompletionStage<Decision> startAsync(String server, String service) {
        return quiesce.submit(new Command.Start(server, service, act()));
    }

    public Decision start(String server, String service) {
        return quiesce.await(startAsync(server, service));
    }

    public CompletionStage<Decision> stopAsync(String server, String service, boolean force) {
        return quiesce.submit(new Command.Stop(server, service, force, act()));
    }

    public Decision stop(String server, String service, boolean force) {
        return quiesce.await(stopAsync(server, service, force));
    }

    public CompletionStage<Decision> setStartupAsync(String server, String service, StartupType type) {
        return quiesce.submit(new Command.SetStartup(server, service, type, act()));
    }

    public Decision setStartup(String server, String service, StartupType type) {
        return quiesce.await(setStartupAsync(server, service, type));
    }

    public CompletionStage<Decision> restartAsync(String server, boolean force) {
        return quiesce.submit(new Command.Restart(server, force, act()));
    }

    public Decision restart(String server, boolean force) {
        return quiesce.await(restartAsync(server, force));
    }

    /** A new connection; {@code session} null: a fresh id is made up. */
    public CompletionStage<Decision> connectAsync(String pool, String feature, String session) {
        String id = session != null ? session : UUID.randomUUID().toString();
        return quiesce.submit(new Command.Connect(pool, feature, id, act()));
    }

    public Decision connect(String pool, String feature, String session) {
        return quiesce.await(connectAsync(pool, feature, session));
    }

    public CompletionStage<Decision> endAsync(String session) {
        return quiesce.submit(new Command.End(session, act()));
    }

    public Decision end(String session) {
        return quiesce.await(endAsync(session));
    }

    /** A load balancer's count of the service's open connections; recorded only when it changes. */
    public CompletionStage<Decision> observeAsync(String server, String service, int sessions) {
        return quiesce.submit(new Command.Observe(server, service, sessions, act()));
    }

    public Decision observe(String server, String service, int sessions) {
        return quiesce.await(observeAsync(server, service, sessions));
    }
}
