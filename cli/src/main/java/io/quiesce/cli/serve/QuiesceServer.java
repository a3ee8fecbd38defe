package io.quiesce.cli.serve;

import io.quiesce.cli.Printouts;
import io.quiesce.Quiesce;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of {@code quiesce serve}: the API and the mounted routes over one open data
 * directory. Start it on an open {@link Quiesce}; stop it before closing that.
 */
public final class QuiesceServer extends AllDirectives implements AutoCloseable {
    /** Requests waiting for the library beyond the running ones before new ones get 503. */
    private static final int QUEUED_REQUESTS = 256;

    private final Quiesce quiesce;
    private final Tokens tokenStore;
    private final TokenCheck tokens;
    private final EventFeed events = new EventFeed();
    private final ActorSystem<Void> system;
    private final ThreadPoolExecutor blocking;
    private final ServerBinding binding;
    private final String url;

    private QuiesceServer(Quiesce quiesce, ServeSettings settings, String localToken, PrintStream log) {
        this.quiesce = quiesce;
        this.tokenStore = Tokens.of(quiesce.dataDirectory(), quiesce.options().journal());
        this.tokens = new TokenCheck(tokenStore, localToken);
        // Listen first, then read the history: the feed drops what it heard twice, so nothing falls in between.
        quiesce.addListener(events);
        events.start(quiesce.history());
        // One line per act: the first event says what, who and why; the rest are its consequences.
        events.listen(act -> log.println(Printouts.logLine(act.get(0).event())
                + (act.size() > 1 ? "  (+" + (act.size() - 1) + " more events)" : "")));
        this.blocking = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_REQUESTS),
                r -> {
                    Thread t = new Thread(r, "quiesce-http-calls");
                    t.setDaemon(true);
                    return t;
                });
        this.system = ActorSystem.create(Behaviors.empty(), "quiesce-http", config(settings));
        ServerContext context = new ServerContext(quiesce, events, blocking, Materializer.matFromSystem(system),
                tokens::authenticated);
        List<Route> routes = new ArrayList<>();
        // Mounted routes first: the API answers 401 to any /v1 path without a token, so routes open to
        // probes (readiness) must be tried before it. Each mounted route matches only its own paths.
        settings.routes().forEach(p -> routes.add(p.route(context)));
        routes.add(new ApiRoutes(context, settings.maxBody()).route());
        Route all = concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
        try {
            this.binding = bind(system, settings, all);
        } catch (IllegalStateException e) {
            shutdownSystem();
            tokenStore.close();
            throw e;
        }
        this.url = url(settings, binding);
    }

    /**
     * Listens on the address of {@code settings} (HTTPS when they have a key store), answering with
     * {@code route} and refusals as JSON.
     *
     * @throws IllegalStateException when the address cannot be listened on
     */
    static ServerBinding bind(ActorSystem<?> system, ServeSettings settings, Route route) {
        ServerBuilder builder = Http.get(system).newServerAt(settings.host(), settings.port());
        if (settings.tls()) {
            builder = builder.enableHttps(ConnectionContext.httpsServer(sslContext(settings)));
        }
        try {
            return builder.bind(Directives.handleRejections(RoutingRefusals.handler(), () -> route))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** The URL a client reaches {@code binding} at. */
    static String url(ServeSettings settings, ServerBinding binding) {
        InetSocketAddress bound = binding.localAddress();
        String host = bound.getAddress().getHostAddress();
        return (settings.tls() ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + bound.getPort();
    }

    /**
     * Starts serving an open data directory.
     *
     * @param localToken the token of serve.json, which may name any principal
     * @param log        where each recorded event is logged, one line each
     * @throws IllegalArgumentException for a non-loopback address without TLS
     */
    public static QuiesceServer start(Quiesce quiesce, ServeSettings settings, String localToken, PrintStream log) {
        if (!settings.tls() && !isLoopback(settings.host())) {
            throw new IllegalArgumentException("listening on " + settings.host() + " needs TLS: give --tls-keystore"
                    + " (and $QUIESCE_TLS_PASSWORD), or listen on 127.0.0.1.");
        }
        return new QuiesceServer(quiesce, settings, localToken, log);
    }

    public String url() {
        return url;
    }

    public EventFeed events() {
        return events;
    }

    /** Stops taking requests, ends event streams and lets calls in flight finish; the directory stays open. */
    @Override
    public void close() {
        try {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Going down anyway: the port is released when the actor system stops.
        }
        events.close();
        quiesce.removeListener(events);
        blocking.shutdown();
        try {
            blocking.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Connections left are closed with the actor system.
        }
        shutdownSystem();
        tokenStore.close();
    }

    private void shutdownSystem() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Nothing more to do: this process is going away.
        }
    }

    /** The HTTP server's settings (timeouts, limits, logging) for {@code settings}; cluster mode uses them too. */
    public static Config config(ServeSettings settings) {
        long idle = settings.idleTimeout().toMillis();
        return ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = WARNING",
                "pekko.stdout-loglevel = WARNING",
                "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
                "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
                "pekko.http.server.idle-timeout = " + idle + "ms",
                // Longer than the library's own answer timeout (30 s), which answers 503 with Retry-After itself.
                "pekko.http.server.request-timeout = " + Math.max(idle - 1000, 1000) + "ms",
                "pekko.http.server.bind-timeout = 10s",
                "pekko.http.server.max-connections = 256",
                "pekko.http.server.server-header = quiesce",
                // The API refuses bodies over maxBody itself, reading them away; past this, Pekko closes the connection.
                "pekko.http.server.parsing.max-content-length = 8m",
                "pekko.http.server.parsing.max-uri-length = 4k",
                "pekko.http.server.parsing.error-handler = \"" + ParsingErrors.class.getName() + "\"",
                "pekko.http.server.parsing.max-header-count = 64",
                "pekko.http.server.parsing.max-header-value-length = 8k",
                "pekko.coordinated-shutdown.exit-jvm = off",
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
                .withFallback(ConfigFactory.load());
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The TLS context of the key store of {@code settings}.
     *
     * @throws IllegalArgumentException when the key store cannot be read with its password
     */
    public static SSLContext sslContext(ServeSettings settings) {
        try (InputStream in = Files.newInputStream(settings.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, settings.keystorePassword());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, settings.keystorePassword());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key store " + settings.keystore() + ": " + e.getMessage(),
                    e);
        }
    }
}
