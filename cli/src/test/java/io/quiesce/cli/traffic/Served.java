package io.quiesce.cli.traffic;

import io.quiesce.cli.serve.BearerTokens;
import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A data directory served as {@code quiesce serve} serves it, with the traffic routes mounted, and
 * a bearer token for an administrator named alice.
 */
final class Served implements AutoCloseable {
    private final Serving serving;
    private final String token;

    Served(Path data) {
        serving = Serving.start(QuiesceOptions.at(data).withFsync(false),
                ServeSettings.loopback(0).withRoutes(List.of(new TrafficRoutes(new TrafficMetrics()))),
                new PrintStream(OutputStream.nullOutputStream()));
        token = new BearerTokens(data).add("alice", Set.of("Administrators"));
    }

    String url() {
        return serving.server().url();
    }

    /** alice's token. */
    String token() {
        return token;
    }

    Quiesce quiesce() {
        return serving.quiesce();
    }

    @Override
    public void close() {
        serving.close();
    }
}
