package io.quiesce.cli;

import io.quiesce.JournalDatabase;
import io.quiesce.auth.Authorization;
import io.quiesce.internal.persistence.DatabaseHistory;
import io.quiesce.internal.persistence.PoolDirectory;
import io.quiesce.rules.Rules;
import io.quiesce.cli.cluster.ClusterServing;
import io.quiesce.cli.cluster.ClusterSettings;
import io.quiesce.cli.serve.QuiesceServer;
import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Tokens;
import io.quiesce.auth.Principal;
import io.quiesce.cli.traffic.AgentCheckListener;
import io.quiesce.cli.traffic.HaproxyStatsPoller;
import io.quiesce.cli.traffic.TrafficMetrics;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code serve --cluster}: the checks of its options, and the node's life until SIGTERM, SIGINT or being downed. */
final class ClusterServe {
    /** Exit code of a node the split brain resolver downed (or that left the cluster by itself). */
    static final int DOWNED = 75;
    /** Longer than the library's own wait for the journal (30 s), whose answer is then the caller's. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(35);

    private ClusterServe() {
    }

    static int run(QuiesceCommand root, ServeCommand serve) {
        if (!serve.cluster) {
            throw CliFailure.badInput("--node and --seed-nodes go with --cluster.");
        }
        JournalDatabase journal = root.journal();
        if (journal == null) {
            throw CliFailure.badInput("--cluster needs the journal in PostgreSQL, shared by every node: give --journal"
                    + " jdbc:postgresql://HOST:PORT/DB (or $QUIESCE_JOURNAL).");
        }
        if (serve.node == null || serve.seedNodes == null || serve.seedNodes.isEmpty()) {
            throw CliFailure.badInput("--cluster needs --node HOST:PORT (this node's address) and --seed-nodes"
                    + " HOST:PORT,... (the same on every node).");
        }
        InetSocketAddress self = ServeCommand.address("--node", serve.node);
        List<String> seeds = serve.seedNodes.stream().map(String::trim)
                .peek(seed -> ServeCommand.address("--seed-nodes", seed)).toList();
        String stable = System.getProperty("quiesce.cluster.stable-after");
        ClusterSettings settings = new ClusterSettings(self.getHostString(), self.getPort(), seeds,
                stable == null ? ClusterSettings.STABLE_AFTER : Durations.parse(stable),
                Duration.ofSeconds(2), CALL_TIMEOUT);
        ServeSettings http = serve.settings(root);
        // Checked before joining: a node that joins, takes pools and then fails to listen moves them twice.
        if (!http.tls() && !QuiesceServer.isLoopback(http.host())) {
            throw CliFailure.badInput("listening on " + http.host() + " needs TLS: give --tls-keystore (and"
                    + " $QUIESCE_TLS_PASSWORD), or listen on 127.0.0.1.");
        }
        if (http.tls()) {
            try {
                QuiesceServer.sslContext(http);
            } catch (IllegalArgumentException e) {
                throw CliFailure.badInput(e.getMessage());
            }
        }
        InetSocketAddress agentAddress = serve.agentListen == null ? null
                : ServeCommand.address("--agent-listen", serve.agentListen);
        TrafficMetrics metrics = new TrafficMetrics();
        var catalog = root.catalog();
        Rules rules = new Rules(catalog, new Authorization(root.adminGroup()));
        ClusterServing serving;
        Tokens tokens = Tokens.of(root.dataDirectory(), journal);
        DatabaseHistory reader;
        try {
            reader = DatabaseHistory.open(journal);
        } catch (RuntimeException e) {
            tokens.close();
            throw e;
        }
        try {
            serving = ClusterServing.start(root.dataDirectory(), settings, http, tokens,
                    (dir, pool) -> root.options(dir, Clock.systemUTC()).withJournal(journal).withPool(pool),
                    () -> PoolDirectory.pools(journal), reader::events, reader::rollouts, rules, metrics,
                    root.output().err());
        } catch (IllegalArgumentException | IllegalStateException e) {
            reader.close();
            tokens.close();
            throw CliFailure.badInput(e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        serving.whenStopped().thenRun(stop::countDown);
        try (tokens; reader; serving; AgentCheckListener agent = agentAddress == null ? null
                : AgentCheckListener.start(agentAddress, serving::deploymentOf, catalog);
             HaproxyStatsPoller poller = serve.haproxyStats == null ? null : HaproxyStatsPoller.start(
                     serve.haproxyStats, serve.haproxyBackends, serve.haproxyPoll, serving.observer(
                             Principal.of(ServeCommand.HAPROXY, root.adminGroup())))) {
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
            root.output().err().println("quiesce: node " + serve.node + " of the cluster, serving every pool at "
                    + serving.url() + " (stop with Ctrl-C or SIGTERM)");
            if (agent != null) {
                root.output().err().println("quiesce: HAProxy agent check on " + agent.address().getHostString() + ":"
                        + agent.address().getPort());
            }
            if (poller != null) {
                root.output().err().println("quiesce: reading HAProxy's sessions from " + serve.haproxyStats
                        + " every " + Durations.format(serve.haproxyPoll));
            }
            stop.await();
            if (serving.stopped()) {
                root.output().err().println("quiesce: this node is no longer a member of the cluster (downed by the"
                        + " split brain resolver, or it left); its pools go on on the other nodes.");
                return DOWNED;
            }
            root.output().err().println("quiesce: leaving the cluster; the pools move to the other nodes");
        } catch (IOException e) {
            throw CliFailure.badInput("cannot listen for HAProxy's agent check on " + agentAddress + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.DONE;
    }
}
