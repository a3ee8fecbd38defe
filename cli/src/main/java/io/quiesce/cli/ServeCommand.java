package io.quiesce.cli;

import io.quiesce.auth.Principal;
import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import io.quiesce.cli.traffic.AgentCheckListener;
import io.quiesce.cli.traffic.HaproxyStatsPoller;
import io.quiesce.cli.traffic.TrafficMetrics;
import io.quiesce.cli.traffic.TrafficRoutes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--listen HOST:PORT] [--tls-keystore FILE.p12] [--agent-listen HOST:PORT]
 * [--haproxy-stats SOCKET [--haproxy-backend BACKEND=SERVICE]...]}: holds the data directory open,
 * answers the HTTP API (with readiness, metrics and the dashboard), HAProxy's agent check, feeds
 * HAProxy's session counts back as observed sessions, and fires deadlines as they pass, until
 * SIGTERM or SIGINT.
 */
@Command(name = "serve", description = "Hold the data directory open and serve it over HTTP until stopped (SIGTERM,"
        + " Ctrl-C); every other quiesce call on this directory then goes through it.")
final class ServeCommand implements Callable<Integer> {
    /** Who HAProxy's session counts are recorded as observed by. */
    static final String HAPROXY = "haproxy";

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7070",
            description = "Where to listen (default: 127.0.0.1:7070; port 0 picks a free one). Not loopback: TLS.")
    String listen;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
            description = "Serve HTTPS with this PKCS#12 key store; its password in $QUIESCE_TLS_PASSWORD.")
    Path keystore;

    @Option(names = "--agent-listen", paramLabel = "HOST:PORT",
            description = "Answer HAProxy's agent check here (agent-send \"SERVER SERVICE\\n\" gets ready up, drain,"
                    + " maint or down). Read-only, no token.")
    String agentListen;

    @Option(names = "--haproxy-stats", paramLabel = "SOCKET",
            description = "Read HAProxy's stats socket (a path, or HOST:PORT for ipv4@) and record each server's"
                    + " current sessions (scur) as its observed sessions.")
    String haproxyStats;

    @Option(names = "--haproxy-backend", paramLabel = "BACKEND=SERVICE",
            description = "The service a HAProxy backend's servers stand for (default: the backend's own name,"
                    + " such as RTCSRV). Repeatable.")
    Map<String, String> haproxyBackends = new LinkedHashMap<>();

    @Option(names = "--haproxy-poll", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
            description = "How often to read the stats socket (default 1s; PT0.2S for less).")
    Duration haproxyPoll;

    @Option(names = "--cluster", description = "Serve as one node of a cluster: the pools are shared out among the"
            + " nodes (one node holds each pool) and move when a node dies. Needs --journal (PostgreSQL), --node and"
            + " --seed-nodes.")
    boolean cluster;

    @Option(names = "--node", paramLabel = "HOST:PORT",
            description = "With --cluster: the address the other nodes reach this one at (not the HTTP address).")
    String node;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT,...", split = ",",
            description = "With --cluster: the nodes a node joins through; the same list on every node.")
    List<String> seedNodes;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        if (haproxyPoll.isNegative() || haproxyPoll.isZero()) {
            throw CliFailure.badInput("--haproxy-poll takes a positive duration such as 1s, not " + haproxyPoll + ".");
        }
        if (haproxyStats != null) {
            try {
                HaproxyStatsPoller.check(haproxyStats);
            } catch (IllegalArgumentException e) {
                throw CliFailure.badInput(e.getMessage());
            }
        }
        if (cluster || node != null || seedNodes != null) {
            return ClusterServe.run(root, this);
        }
        ServeSettings settings = settings(root)
                .withRoutes(List.of(new TrafficRoutes(new TrafficMetrics())));
        InetSocketAddress agentAddress = agentListen == null ? null : address("--agent-listen", agentListen);
        Duration poll = haproxyPoll;
        CountDownLatch stop = new CountDownLatch(1);
        Serving serving;
        try {
            serving = Serving.start(root.options(root.dataDirectory(), Clock.systemUTC()).withJournal(root.journal()), settings,
                    root.output().err());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliFailure.badInput(e.getMessage());
        }
        try (serving; AgentCheckListener agent = agentAddress == null ? null : agent(serving, agentAddress);
             HaproxyStatsPoller poller = haproxyStats == null ? null : HaproxyStatsPoller.start(haproxyStats,
                     haproxyBackends, poll, observer(serving))) {
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
            root.output().err().println("quiesce: serving " + serving.quiesce().dataDirectory() + " at "
                    + serving.server().url() + " (stop with Ctrl-C or SIGTERM)");
            if (agent != null) {
                root.output().err().println("quiesce: HAProxy agent check on " + agent.address().getHostString() + ":"
                        + agent.address().getPort());
            }
            if (poller != null) {
                root.output().err().println("quiesce: reading HAProxy's sessions from " + haproxyStats + " every "
                        + Durations.format(poll));
            }
            stop.await();
            root.output().err().println("quiesce: stopping; finishing the writes in flight");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.DONE;
    }

    /** HAProxy's counts are recorded as observed by an administrator named haproxy. */
    private static HaproxyStatsPoller.Sink observer(Serving serving) {
        return HaproxyStatsPoller.recordedBy(serving.quiesce().as(Principal.of(HAPROXY,
                serving.quiesce().rules().authorization().adminGroup())));
    }

    private static AgentCheckListener agent(Serving serving, InetSocketAddress at) {
        try {
            return AgentCheckListener.start(at, serving.quiesce()::statusAsync, serving.quiesce().rules().catalog());
        } catch (IOException e) {
            throw CliFailure.badInput("cannot listen for HAProxy's agent check on " + at + ": " + e.getMessage());
        }
    }

    static InetSocketAddress address(String option, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (colon < 1 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon).replaceAll("^\\[|]$", ""), port);
        } catch (NumberFormatException e) {
            throw CliFailure.badInput(option + " takes HOST:PORT, such as 127.0.0.1:7071, not " + hostPort + ".");
        }
    }

    ServeSettings settings(QuiesceCommand root) {
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = colon < 1 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw CliFailure.badInput("--listen takes HOST:PORT, such as 127.0.0.1:7070, not " + listen + ".");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        char[] password = null;
        Path store = keystore == null ? null : root.environment().workingDirectory().resolve(keystore);
        if (store != null) {
            password = root.environment().variable("QUIESCE_TLS_PASSWORD").orElseThrow(() -> CliFailure.badInput(
                    "set $QUIESCE_TLS_PASSWORD to the password of " + store + ".")).toCharArray();
        }
        ServeSettings loopback = ServeSettings.loopback(port);
        return new ServeSettings(host, port, store, password, loopback.idleTimeout(), loopback.maxBody(), List.of());
    }
}
