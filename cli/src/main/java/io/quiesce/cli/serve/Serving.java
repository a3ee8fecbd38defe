package io.quiesce.cli.serve;

import io.quiesce.cli.client.ServeFile;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A data directory being served: the directory open, the HTTP server on it (with the rollouts it
 * drives), and its serve.json written so that the command line follows it. Closing it stops
 * driving (each rollout stays resumable), stops the server, removes serve.json and closes the
 * directory, after the writes in flight.
 */
public final class Serving implements AutoCloseable {
    private final Quiesce quiesce;
    private final QuiesceServer server;
    private final ServeFile serveFile;
    private final RolloutDrivers rollouts;

    private Serving(Quiesce quiesce, QuiesceServer server, ServeFile serveFile, RolloutDrivers rollouts) {
        this.quiesce = quiesce;
        this.server = server;
        this.serveFile = serveFile;
        this.rollouts = rollouts;
    }

    /**
     * Opens the directory (exclusively: a second server on it fails as any second opener does) and
     * serves it.
     *
     * @throws IllegalArgumentException when the settings cannot be served (non-loopback without TLS, a bad key store)
     * @throws IllegalStateException    when the address cannot be listened on
     */
    public static Serving start(QuiesceOptions options, ServeSettings settings, PrintStream log) {
        Quiesce quiesce = Quiesce.open(options);
        RolloutDrivers rollouts = null;
        QuiesceServer server = null;
        ServeFile serveFile = null;
        try {
            String localToken = BearerTokens.newToken();
            rollouts = new RolloutDrivers(quiesce, log);
            List<RouteProvider> routes = new ArrayList<>(settings.routes());
            routes.add(new RolloutRoutes(rollouts));
            server = QuiesceServer.start(quiesce, settings.withRoutes(routes), localToken, log);
            serveFile = new ServeFile(server.url(), localToken, ProcessHandle.current().pid());
            serveFile.writeTo(quiesce.dataDirectory());
            // Once the command line can find the server: it may follow what is taken up here.
            rollouts.resumeUnfinished();
            return new Serving(quiesce, server, serveFile, rollouts);
        } catch (RuntimeException e) {
            // Whatever started is stopped, so that a failed start leaves no listener and no serve.json behind.
            if (rollouts != null) {
                rollouts.close();
            }
            if (server != null) {
                server.close();
            }
            if (serveFile != null) {
                serveFile.removeFrom(quiesce.dataDirectory());
            }
            quiesce.close();
            throw e;
        }
    }

    public Quiesce quiesce() {
        return quiesce;
    }

    public QuiesceServer server() {
        return server;
    }

    public ServeFile serveFile() {
        return serveFile;
    }

    @Override
    public void close() {
        try {
            rollouts.close();
            server.close();
        } finally {
            serveFile.removeFrom(quiesce.dataDirectory());
            quiesce.close();
        }
    }
}
